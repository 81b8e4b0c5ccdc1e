"""Reads for units."""

from __future__ import annotations

from lantu.organizations.models import Unit


def unit_tree(region_id: int) -> list[tuple[Unit, int]]:
    """All units of a region in tree order with their depth, in one query."""
    units = list(Unit.objects.filter(region_id=region_id, is_archived=False))
    by_parent: dict[int | None, list[Unit]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_id, []).append(unit)
    ordered: list[tuple[Unit, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for child in sorted(by_parent.get(parent_id, []), key=lambda u: (u.sort_order, u.pk)):
            ordered.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return ordered
