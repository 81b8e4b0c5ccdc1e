"""The Chinese catalogue: complete, compiled, in step with the source, and used by the pages.

The UI is Simplified Chinese by default and English on request. Every msgid has a reviewed
translation (no empty or fuzzy entry), the committed .mo says exactly what the .po says (a fresh
machine may have no gettext to compile it), and every string the templates and the code mark for
translation is in the catalogue. After adding strings: ``cd src/lantu && uv run lantu
makemessages -l zh_Hans --ignore "targets/*"``, translate, ``uv run lantu compilemessages``.
"""

from __future__ import annotations

import ast
import gettext
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.cast import Cast

SRC = Path(__file__).resolve().parents[2] / "src" / "lantu"
MESSAGES = SRC / "locale" / "zh_Hans" / "LC_MESSAGES"
PO = MESSAGES / "django.po"
MO = MESSAGES / "django.mo"
UNITS_OF_MEASURE = {"万元", "亿元", "元", "亩", "平方米", "公里"}  # "total investment (万元)"
SKIP_DIRS = {"targets", "migrations"}  # targets/ is pure Python with no Django, no UI text

# Catalogue keys are (context, msgid); context is None for most strings.
Key = tuple[str | None, str]


# --- a small .po reader ---------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[i] for i in sorted(self.msgstr)]


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(text: str) -> str:
    """A PO string literal uses C escapes, which a Python literal reads the same way."""
    value = ast.literal_eval(text)
    assert isinstance(value, str)
    return value


def read_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, the header (msgid "") first; obsolete (#~) entries dropped."""
    entries: list[Entry] = []
    entry = Entry()
    last: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal entry, last
        if last is not None:
            entries.append(entry)
        entry, last = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if last is not None and last[0].startswith("msgstr"):
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            if last is not None and last[0].startswith("msgstr"):
                finish()
        elif line.startswith('"'):
            assert last is not None, f"{path.name}:{number}: a continuation line with no keyword"
            _append(entry, last, _unquote(line))
        else:
            match = _KEYWORD.match(line)
            assert match, f"{path.name}:{number}: cannot read {line!r}"
            keyword, index, text = match.groups()
            if keyword in ("msgctxt", "msgid") and last is not None and last[0] == "msgstr":
                finish()
            if keyword == "msgctxt" or (keyword == "msgid" and last is None):
                entry.line = number
            last = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else (keyword, None)
            _append(entry, last, _unquote(text), start=True)
    finish()
    return entries


def _append(entry: Entry, where: tuple[str, int | None], text: str, start: bool = False) -> None:
    keyword, index = where
    if keyword == "msgstr":
        assert index is not None
        entry.msgstr[index] = ("" if start else entry.msgstr[index]) + text
    elif keyword == "msgctxt":
        entry.msgctxt = ("" if start else entry.msgctxt or "") + text
    elif keyword == "msgid_plural":
        entry.msgid_plural = ("" if start else entry.msgid_plural or "") + text
    else:
        entry.msgid = ("" if start else entry.msgid) + text


@pytest.fixture(scope="module")
def po_entries() -> list[Entry]:
    entries = read_po(PO)
    assert entries and entries[0].msgid == "", "the .po must start with its header"
    return entries


@pytest.fixture(scope="module")
def messages(po_entries: list[Entry]) -> list[Entry]:
    """The translatable entries: everything but the header."""
    return po_entries[1:]


# --- (a) every entry translated ---------------------------------------------------------------


def test_header_declares_chinese_with_one_plural_form(po_entries: list[Entry]) -> None:
    header = po_entries[0]
    text = header.msgstr[0]
    assert "fuzzy" not in header.flags
    assert "Language: zh_Hans\n" in text
    assert "charset=UTF-8" in text
    assert "Plural-Forms: nplurals=1; plural=0;" in text


def test_every_entry_has_a_translation_and_none_is_fuzzy(messages: list[Entry]) -> None:
    assert len(messages) > 200
    untranslated = [e.msgid for e in messages if not all(t.strip() for t in e.translations)]
    fuzzy = [e.msgid for e in messages if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_plural_entries_have_exactly_the_one_chinese_form(messages: list[Entry]) -> None:
    wrong = [e.msgid for e in messages if e.msgid_plural is not None and list(e.msgstr) != [0]]
    assert not wrong, f"plural entries need msgstr[0] only: {wrong}"


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")


def test_placeholders_are_kept(messages: list[Entry]) -> None:
    wrong = []
    for e in messages:
        wanted = sorted(_PLACEHOLDER.findall(e.msgid))
        for text in e.translations:
            if sorted(_PLACEHOLDER.findall(text)) != wanted:
                wrong.append((e.msgid, text))
    assert not wrong, f"placeholders changed: {wrong}"


def test_chinese_terms_in_parentheses_translate_to_the_term_alone(messages: list[Entry]) -> None:
    """``Binding (约束性)`` is ``约束性``: the English carries the term for readers of English."""
    term = re.compile(r"^[A-Za-z][^()]*\(([一-鿿]+)\)$")
    wrong = []
    for e in messages:
        match = term.match(e.msgid)
        if match and match.group(1) not in UNITS_OF_MEASURE and e.msgstr[0] != match.group(1):
            wrong.append((e.msgid, e.msgstr[0]))
    assert not wrong, wrong


# --- (b) the committed .mo is the compiled .po -------------------------------------------------


def test_mo_gives_the_same_translation_as_the_po(messages: list[Entry]) -> None:
    with MO.open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    stale = []
    for e in messages:
        expected = e.msgstr[0]
        if e.msgid_plural is not None:
            for n in (1, 2, 11):
                if e.msgctxt is None:
                    got = mo.ngettext(e.msgid, e.msgid_plural, n)
                else:
                    got = mo.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
                if got != expected:
                    stale.append((e.msgid, n, got, expected))
        else:
            got = mo.gettext(e.msgid) if e.msgctxt is None else mo.pgettext(e.msgctxt, e.msgid)
            if got != expected:
                stale.append((e.msgid, got, expected))
    assert not stale, f"django.mo is stale, run compilemessages: {stale}"


def test_mo_holds_nothing_the_po_does_not(messages: list[Entry]) -> None:
    with MO.open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    in_mo = set()
    for key in mo._catalog:  # (msgid, n) for plural forms, "context\x04msgid" with a context
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid:
            in_mo.add(msgid)
    in_po = {e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}" for e in messages}
    assert in_mo == in_po, f"only in .mo: {in_mo - in_po}; only in .po: {in_po - in_mo}"


# --- (c) every string marked in the source is in the catalogue --------------------------------


@dataclass(frozen=True)
class Found:
    key: Key
    plural: str | None
    where: str


_Q = r"""(?P<q>["'])(?P<msg>(?:(?!(?P=q)).)*)(?P=q)"""
_TRANSLATE_TAG = re.compile(r"\{%\s*(?:translate|trans)\s+" + _Q + r"(?P<rest>.*?)%\}", re.S)
_CONTEXT = re.compile(r"""\bcontext\s+(["'])(.*?)\1""")
_BLOCK = re.compile(
    r"\{%\s*(?:blocktranslate|blocktrans)\b(?P<options>.*?)%\}"
    r"(?P<body>.*?)\{%\s*(?:endblocktranslate|endblocktrans)\s*%\}",
    re.S,
)
_PLURAL_TAG = re.compile(r"\{%\s*plural\s*%\}")
_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_UNDERSCORE = re.compile(r"(?<![\w.])_\(\s*" + _Q + r"\s*\)")
GETTEXT_FUNCTIONS = {
    # name: (index of the context argument or None, index of msgid, index of plural or None)
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def _block_msgid(text: str, trimmed: bool) -> str:
    """What blocktranslate looks up: ``{{ n }}`` becomes ``%(n)s`` and ``%`` becomes ``%%``."""
    if trimmed:
        text = re.sub(r"\s*\n\s*", " ", text.strip())
    return _VARIABLE.sub(r"%(\1)s", text.replace("%", "%%"))


def template_strings(path: Path, root: Path = SRC) -> Iterator[Found]:
    text = path.read_text(encoding="utf-8")
    where = str(path.relative_to(root))
    for match in _TRANSLATE_TAG.finditer(text):
        context = _CONTEXT.search(match.group("rest"))
        yield Found((context.group(2) if context else None, match.group("msg")), None, where)
    for match in _BLOCK.finditer(text):
        options = match.group("options")
        context = _CONTEXT.search(options)
        trimmed = re.search(r"\btrimmed\b", options) is not None
        singular, *plural = _PLURAL_TAG.split(match.group("body"), maxsplit=1)
        yield Found(
            (context.group(2) if context else None, _block_msgid(singular, trimmed)),
            _block_msgid(plural[0], trimmed) if plural else None,
            where,
        )
    for match in _UNDERSCORE.finditer(text):
        yield Found((None, match.group("msg")), None, where)


def python_strings(path: Path, root: Path = SRC) -> Iterator[Found]:
    """String literals passed to gettext and friends (read with ast: it joins adjacent literals
    and decodes escapes as Python does, as xgettext does)."""
    where = str(path.relative_to(root))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=where)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in GETTEXT_FUNCTIONS:
            continue
        context_at, msgid_at, plural_at = GETTEXT_FUNCTIONS[name]

        def literal(index: int | None, args: list[ast.expr] = node.args) -> str | None:
            if index is None or index >= len(args):
                return None
            arg = args[index]
            return (
                arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            )

        msgid = literal(msgid_at)
        if msgid is None:
            continue  # not a literal: nothing to extract (and makemessages cannot either)
        yield Found((literal(context_at), msgid), literal(plural_at), f"{where}:{node.lineno}")


def source_files(suffixes: tuple[str, ...]) -> Iterator[Path]:
    for path in sorted(SRC.rglob("*")):
        relative = path.relative_to(SRC).parts
        if path.suffix in suffixes and not SKIP_DIRS.intersection(relative[:-1]):
            yield path


def marked_strings() -> list[Found]:
    found: list[Found] = []
    for path in source_files((".html", ".txt")):
        if "templates" in path.relative_to(SRC).parts:
            found.extend(template_strings(path))
    for path in source_files((".py",)):
        found.extend(python_strings(path))
    return found


def test_the_extractors_find_what_they_should(tmp_path: Path) -> None:
    sample = tmp_path / "sample.html"
    sample.write_text(
        "{% translate \"Main indicators\" %}{% trans 'Sign out' %}"
        '{% translate "May" context "month" as m %}'
        "{% blocktranslate count total=n %}{{ total }} item{% plural %}{{ total }} items"
        "{% endblocktranslate %}{% blocktranslate trimmed %}\n  50% of\n  {{ x }}\n"
        "{% endblocktranslate %}{% some_tag _('Key tasks') %}",
        encoding="utf-8",
    )
    code = tmp_path / "sample.py"
    code.write_text(
        "from django.utils.translation import gettext_lazy as _, pgettext_lazy\n"
        'A = _("Lead "\n    "(牵头)")\nB = pgettext_lazy("month", "May")\nC = _(name)\n',
        encoding="utf-8",
    )
    in_template = [(f.key, f.plural) for f in template_strings(sample, tmp_path)]
    in_code = [(f.key, f.plural) for f in python_strings(code, tmp_path)]
    assert in_template == [
        ((None, "Main indicators"), None),
        ((None, "Sign out"), None),
        (("month", "May"), None),
        ((None, "%(total)s item"), "%(total)s items"),
        ((None, "50%% of %(x)s"), None),
        ((None, "Key tasks"), None),
    ]
    assert in_code == [((None, "Lead (牵头)"), None), (("month", "May"), None)]


def test_every_marked_string_is_in_the_catalogue(messages: list[Entry]) -> None:
    catalogue = {e.key: e for e in messages}
    found = marked_strings()
    assert len(found) > 200
    missing = sorted({f"{f.where}: {f.key[1]!r}" for f in found if f.key not in catalogue})
    wrong_plural = sorted(
        {
            f"{f.where}: {f.key[1]!r}"
            for f in found
            if f.key in catalogue and f.plural and catalogue[f.key].msgid_plural != f.plural
        }
    )
    assert not missing, (
        "not in the catalogue; run makemessages in src/lantu and translate:\n" + "\n".join(missing)
    )
    assert not wrong_plural, "plural form differs from the catalogue:\n" + "\n".join(wrong_plural)


# --- (d) the pages speak Chinese, and English on request --------------------------------------


def test_plan_home_is_chinese_by_default_and_english_on_request(
    cast: Cast, client_for: Callable[[str], Client]
) -> None:
    client = client_for("wang_admin")
    url = reverse("plan-home", args=[cast.plan.pk])

    chinese = client.get(url)
    assert chinese.status_code == 200
    page = chinese.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "主要指标" in page
    assert "约束性" in page
    assert "本单位分工一览" in page
    assert "Main indicators" not in page

    switched = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert switched.status_code == 302
    english = client.get(url).content.decode()
    assert '<html lang="en">' in english
    assert "Main indicators" in english
    assert "Binding (约束性)" in english
    assert "主要指标" not in english

    client.post(reverse("set_language"), {"language": "zh-hans", "next": url})
    assert "主要指标" in client.get(url).content.decode()
