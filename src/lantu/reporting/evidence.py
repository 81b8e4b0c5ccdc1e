"""Evidence files (佐证材料): checked by their content, stored outside the web root, archived.

A file is what its bytes say, never what its name says: an .exe renamed .pdf, an HTML page or
an SVG (both can carry scripts) are refused with a message naming what was found. Word and
Excel files go through ``lantu.ingest.safety``'s zip checks, which also refuse macros and zip
bombs. Stored files are named by their SHA-256 (``models.evidence_path``); the uploader's name
is kept only as text to show. Nothing is deleted: removing a file archives it.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from lantu.core import audit, clock
from lantu.core.downloads import DOCX, XLSX
from lantu.core.permissions import acts_for
from lantu.core.services import DomainError
from lantu.ingest import safety
from lantu.reporting.models import Evidence, Report

MiB = 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
PDF_MAGIC = b"%PDF-"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": DOCX,
    "xlsx": XLSX,
}
EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "docx": "docx", "xlsx": "xlsx"}
ALSO_CALLED = {"jpeg": {"jpg", "jpeg"}}


def max_bytes() -> int:
    return int(settings.LANTU_EVIDENCE_MAX_MB) * MiB


def sniff(data: bytes) -> str:
    """What the bytes are: one of ``CONTENT_TYPES``, or a word for what else they are."""
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(JPEG_MAGIC):
        return "jpeg"
    if data.startswith(PNG_MAGIC):
        return "png"
    if data.startswith(b"MZ"):
        return "program"
    if data.startswith(b"\x7fELF"):
        return "program"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in head:
        return "svg"
    if head.startswith((b"<!doctype html", b"<html", b"<script", b"<head", b"<body")):
        return "html"
    if head.startswith(b"<?xml"):
        return "xml"
    return safety.sniff(data)


def _found_words(found: str) -> str:
    words = {
        "program": _("a program (executable file)"),
        "svg": _("an SVG image (it can carry scripts)"),
        "html": _("a web page (HTML)"),
        "xml": _("an XML file"),
        "empty": _("an empty file"),
        "ole": _("an old or encrypted Office file (.doc/.xls)"),
        "xlsm": _("an Excel file with macros"),
        "docm": _("a Word file with macros"),
        "xlsb": _("a binary Excel workbook (.xlsb)"),
        "zip": _("a zip archive"),
        "txt": _("a text file"),
        "pdf": _("a PDF that does not start as a PDF should"),
    }
    return str(words.get(found, _("a file of unknown type")))


def check(data: bytes) -> str:
    """The kind of an acceptable evidence file; raises DomainError naming what else it is."""
    if len(data) > max_bytes():
        raise DomainError(
            _("The file is too large (%(size).1f MB); the limit is %(limit)s MB.")
            % {"size": len(data) / MiB, "limit": settings.LANTU_EVIDENCE_MAX_MB}
        )
    found = sniff(data)
    if found == "pdf":
        safety.check_pdf(data)
    elif found == "docx":
        safety.check_docx(data)
    elif found == "xlsx":
        safety.check_xlsx(data)
    elif found not in CONTENT_TYPES:
        raise DomainError(
            _(
                "Only PDF, JPEG, PNG, Word (.docx) and Excel (.xlsx) files are accepted as "
                "evidence; this file is %(found)s."
            )
            % {"found": _found_words(found)}
        )
    return found


_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def display_name(name: str, kind: str) -> str:
    """The uploader's file name as text to show: no folders, no control characters, at most
    200 characters, ending in an extension that says what the file really is."""
    base = _UNSAFE.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    ext = EXTENSIONS[kind]
    _stem, dot, own = base.rpartition(".")
    if not dot or own.lower() not in ALSO_CALLED.get(kind, {ext}):
        base = f"{base or 'evidence'}.{ext}"
    if len(base) > 200:
        stem, _dot, own = base.rpartition(".")
        base = f"{stem[: 199 - len(own)]}.{own}"
    return base


def _require_editable(report: Report, by: Any) -> Report:
    if not acts_for(by, "reporter", report.unit_id):
        raise PermissionDenied(_("Only the unit's reporters attach evidence to its reports."))
    locked = Report.objects.select_for_update().select_related("cycle").get(pk=report.pk)
    if not locked.is_editable:
        raise DomainError(_("Evidence can be changed only while the report is being filled."))
    if locked.cycle.opens_on > clock.today():
        raise DomainError(_("This cycle opens on %(date)s.") % {"date": locked.cycle.opens_on})
    return locked


@transaction.atomic
def attach_evidence(*, report: Report, name: str, data: bytes, by: Any) -> Evidence:
    """Attach a supporting file to a report being filled, after checking its content."""
    locked = _require_editable(report, by)
    kind = check(data)
    digest = hashlib.sha256(data).hexdigest()
    if locked.evidence.filter(sha256=digest, is_archived=False).exists():
        raise DomainError(_("This file is already attached to the report."))
    evidence = Evidence(
        region_id=locked.region_id,
        report=locked,
        name=display_name(name, kind),
        kind=kind,
        size=len(data),
        sha256=digest,
        uploaded_by=by,
    )
    # The same bytes are stored once per region: files are never deleted, so sharing is safe.
    same = Evidence.objects.filter(region_id=locked.region_id, sha256=digest).first()
    written = same is None
    if same is not None:
        evidence.file.name = same.file.name
    else:
        evidence.file.save(digest, ContentFile(data), save=False)
    try:
        evidence.save()
        audit.record(
            "reporting.evidence.created", by=by, obj=evidence, after=audit.snapshot(evidence)
        )
    except Exception:
        if written:
            evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def archive_evidence(*, evidence: Evidence, by: Any) -> Evidence:
    """Take a file off a report being filled. It is archived, never deleted."""
    _require_editable(evidence.report, by)
    locked = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if locked.is_archived:
        raise DomainError(_("This file was already removed."))
    before = audit.snapshot(locked)
    locked.is_archived = True
    locked.save(update_fields=["is_archived", "updated_at"])
    audit.record(
        "reporting.evidence.archived",
        by=by,
        obj=locked,
        before=before,
        after=audit.snapshot(locked),
    )
    return locked
