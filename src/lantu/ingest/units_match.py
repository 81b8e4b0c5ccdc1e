"""Matching unit names as people write them to the unit tree.

Rules, in order (each name is first normalised: full-width to half-width, whitespace and
punctuation other than brackets dropped, case folded):

1. *Exact*: the unit's name or its short name (when no other unit has the same short name).
   A name written with the region in front (``临江区教育局`` for ``区教育局``, or
   ``江州市临江区人民法院`` for ``临江区人民法院``) is the same name and matches too.
2. *Suggested, never applied*: the same name once common abbreviations are folded
   (``区发改委`` and ``区发展和改革委员会`` against ``区发展改革委``), then near-misses by
   ``difflib`` similarity. The import reports these as errors with the suggestions and their
   scores; the person corrects the sheet.
3. Archived units are never matched; a name that is an archived unit says so (the import lets
   an item keep an archived unit it already has, so that an exported sheet reads back).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

# Long forms and abbreviations folded to one key. Longest first, applied in order.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("发展和改革委员会", "发改委"),
    ("发展改革委员会", "发改委"),
    ("发展和改革委", "发改委"),
    ("发展改革委", "发改委"),
    ("发展改革局", "发改局"),
    ("发展和改革局", "发改局"),
    ("人力资源和社会保障局", "人社局"),
    ("人力资源社会保障局", "人社局"),
    ("卫生健康委员会", "卫健委"),
    ("卫生和健康委员会", "卫健委"),
    ("卫生健康委", "卫健委"),
    ("住房和城乡建设管理委员会", "住建委"),
    ("住房城乡建设管理委员会", "住建委"),
    ("住房和城乡建设委员会", "住建委"),
    ("住房城乡建设委", "住建委"),
    ("住房和城乡建设局", "住建局"),
    ("建设和管理委员会", "建管委"),
    ("建设管理委员会", "建管委"),
    ("建设管理委", "建管委"),
    ("规划和自然资源局", "规资局"),
    ("规划资源局", "规资局"),
    ("市场监督管理局", "市监局"),
    ("市场监管局", "市监局"),
    ("文化和旅游局", "文旅局"),
    ("文化旅游局", "文旅局"),
    ("生态环境局", "环境局"),
    ("应急管理局", "应急局"),
    ("退役军人事务局", "退役军人局"),
    ("城市管理行政执法局", "城管局"),
    ("城管执法局", "城管局"),
    ("国有资产监督管理委员会", "国资委"),
    ("科学技术委员会", "科委"),
    ("科学技术局", "科技局"),
    ("商务委员会", "商务委"),
    ("投资促进办公室", "投促办"),
    ("投资促进办", "投促办"),
    ("绿化和市容管理局", "绿化市容局"),
    ("房屋管理局", "房管局"),
    ("人民政府办公室", "政府办"),
    ("政府办公室", "政府办"),
    ("委员会办公室", "委办"),
    ("委员会", "委"),
    ("办公室", "办"),
)
_KEEP = set("()")
_CUT = re.compile(r"[\s\u3000]+")


def normalise(text: str) -> str:
    """The form names are compared in: NFKC, no spaces or punctuation (brackets kept), casefold."""
    text = unicodedata.normalize("NFKC", text)
    text = _CUT.sub("", text)
    return "".join(
        ch for ch in text if ch in _KEEP or not unicodedata.category(ch).startswith("P")
    ).casefold()


def fold(text: str) -> str:
    """A normalised name with common long forms and abbreviations folded to one key."""
    for long, short in _FOLDS:
        text = text.replace(long, short)
    return text


@dataclass(frozen=True)
class UnitRef:
    """A unit as the matcher sees it."""

    id: int
    name: str
    short_name: str = ""
    is_archived: bool = False


@dataclass(frozen=True)
class Suggestion:
    """A unit the name may mean, with a similarity score from 0 to 1."""

    name: str
    score: float


@dataclass(frozen=True)
class UnitMatch:
    """The unit a name matched (``unit``), or why not: archived, or suggestions."""

    text: str
    unit: UnitRef | None = None
    archived_unit: UnitRef | None = None  # the archived unit the name is, if it is one
    suggestions: tuple[Suggestion, ...] = ()

    @property
    def archived(self) -> bool:
        return self.archived_unit is not None

    def problem(self) -> str:
        """The problem in words, for an unmatched name (empty when matched)."""
        if self.unit is not None:
            return ""
        if self.archived:
            return f"单位“{self.text}”已撤销或归档,不能再分配工作"
        message = f"找不到单位“{self.text}”"
        if self.suggestions:
            names = "”或“".join(s.name for s in self.suggestions)
            scores = "、".join(f"{s.score:.2f}" for s in self.suggestions)
            message += f",是否指“{names}”?(相似度 {scores})"
        return message


@dataclass
class UnitMatcher:
    """Matches names against one region's units; results are cached per distinct name."""

    units: list[UnitRef]
    region_name: str = ""
    _exact: dict[str, UnitRef] = field(default_factory=dict, init=False)
    _archived: dict[str, UnitRef] = field(default_factory=dict, init=False)
    _folded: dict[str, list[UnitRef]] = field(default_factory=dict, init=False)
    _prefixes: list[str] = field(default_factory=list, init=False)
    _cache: dict[str, UnitMatch] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        live = [u for u in self.units if not u.is_archived]
        short_count: dict[str, int] = {}
        for unit in live:
            key = normalise(unit.short_name)
            if key:
                short_count[key] = short_count.get(key, 0) + 1
        for unit in live:
            short = normalise(unit.short_name)
            if short and short_count[short] == 1:
                self._exact.setdefault(short, unit)
            self._folded.setdefault(fold(normalise(unit.name)), []).append(unit)
        for unit in live:  # full names win over short names
            self._exact[normalise(unit.name)] = unit
        for unit in self.units:
            if unit.is_archived:
                self._archived.setdefault(normalise(unit.name), unit)
        self._prefixes = _region_prefixes(self.region_name)

    @classmethod
    def for_units(
        cls, rows: Iterable[tuple[int, str, str, bool]], region_name: str = ""
    ) -> UnitMatcher:
        """A matcher from ``(id, name, short_name, is_archived)`` rows."""
        return cls([UnitRef(*row) for row in rows], region_name)

    def match(self, text: str) -> UnitMatch:
        """Match one name (see the module docstring for the rules)."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._match(text)
        return cached

    def _match(self, text: str) -> UnitMatch:
        key = normalise(text)
        for candidate in self._candidates(key):
            if candidate in self._exact:
                return UnitMatch(text, unit=self._exact[candidate])
        for candidate in self._candidates(key):
            if candidate in self._archived:
                return UnitMatch(text, archived_unit=self._archived[candidate])
        return UnitMatch(text, suggestions=self.suggest(key))

    def _candidates(self, key: str) -> list[str]:
        """The name, and the name with the region written in front taken off or shortened."""
        keys = [key]
        for prefix in self._prefixes:
            if key.startswith(prefix) and len(key) > len(prefix):
                rest = key[len(prefix) :]
                keys += [rest, *(other + rest for other in self._prefixes if other != prefix)]
        return keys

    def suggest(self, key: str, limit: int = 3) -> tuple[Suggestion, ...]:
        """Units a normalised name may mean: folded-abbreviation matches, then near-misses."""
        found: dict[str, float] = {}
        for candidate in self._candidates(key):
            for unit in self._folded.get(fold(candidate), []):
                ratio = difflib.SequenceMatcher(None, key, normalise(unit.name)).ratio()
                found[unit.name] = max(found.get(unit.name, 0.0), round(max(ratio, 0.9), 2))
        names = {normalise(u.name): u.name for u in self.units if not u.is_archived}
        for close in difflib.get_close_matches(key, list(names), n=limit, cutoff=0.6):
            ratio = round(difflib.SequenceMatcher(None, key, close).ratio(), 2)
            found.setdefault(names[close], ratio)
        ranked = sorted(found.items(), key=lambda item: -item[1])[:limit]
        return tuple(Suggestion(name, score) for name, score in ranked)


def _region_prefixes(region_name: str) -> list[str]:
    """What may stand before a unit's name: ``江州市临江区`` gives ``江州市临江区``,
    ``临江区`` and ``区`` (units are named ``区教育局``)."""
    name = normalise(region_name)
    if not name:
        return []
    prefixes = [name, name[-1]]
    for marker in ("省", "市", "州", "盟"):
        at = name.find(marker)
        if 0 < at < len(name) - 1:
            prefixes.append(name[at + 1 :])
    return sorted(set(prefixes), key=len, reverse=True)
