"""Documents in and out: reading an approved Outline (《纲要》) and writing it back as Word.

``lantu.ingest.outline`` is pure Python (no Django): it reads .docx, .pdf and .txt files into
blocks and finds the Outline's sections, main indicators, quantified targets and key tasks.
``lantu.ingest.cli`` is the ``lantu import-outline`` command; ``lantu.ingest.outline_export``
writes a plan version as an official-looking .docx.
"""
