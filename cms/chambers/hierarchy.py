"""The 1+31+X chamber network as a tree: the national federation, provincial and city chambers.

A city chamber hangs under its parent chamber when one is set, otherwise under the provincial
chamber of its province; a provincial chamber hangs under the federation. Chambers whose
place cannot be found are kept in ``unplaced`` rather than dropped.
"""

from dataclasses import dataclass, field

from cms.core.choices import Province


@dataclass
class Node:
    chamber: object
    children: list = field(default_factory=list)


@dataclass
class ProvinceGroup:
    code: str
    label: str
    chambers: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.chambers)


@dataclass
class Network:
    roots: list
    provinces: list
    unplaced: list
    counts: dict

    def province(self, code):
        for group in self.provinces:
            if group.code == code:
                return group
        return None


def build_hierarchy(index_page):
    from .models import ChamberLevel

    chambers = list(index_page.get_chambers())
    by_pk = {chamber.pk: Node(chamber) for chamber in chambers}
    nationals = [n for n in by_pk.values() if n.chamber.level == ChamberLevel.NATIONAL]
    provincials = [n for n in by_pk.values() if n.chamber.level == ChamberLevel.PROVINCIAL]
    provincial_by_province = {n.chamber.province: n for n in provincials}
    unplaced = []

    def sort_key(node):
        return (node.chamber.province, node.chamber.city, node.chamber.title)

    # Without a federation page the provincial chambers are the top of the tree.
    roots = list(nationals)
    for node in sorted(provincials, key=lambda n: _province_rank(n.chamber.province)):
        parent = by_pk.get(node.chamber.parent_chamber_id)
        if parent is None and nationals:
            parent = nationals[0]
        (parent.children if parent else roots).append(node)

    for node in sorted(by_pk.values(), key=sort_key):
        if node.chamber.level != ChamberLevel.CITY:
            continue
        parent = by_pk.get(node.chamber.parent_chamber_id) or provincial_by_province.get(
            node.chamber.province
        )
        (parent.children if parent else unplaced).append(node)

    groups = {}
    for chamber in chambers:
        if chamber.province:
            groups.setdefault(chamber.province, []).append(chamber)
    provinces = [
        ProvinceGroup(
            code,
            str(label),
            sorted(groups[code], key=lambda c: (c.level != ChamberLevel.PROVINCIAL, c.title)),
        )
        for code, label in Province.choices
        if code in groups
    ]
    counts = {level: sum(1 for c in chambers if c.level == level) for level in ChamberLevel.values}
    return Network(roots, provinces, unplaced, counts)


def _province_rank(code):
    values = Province.values
    return values.index(code) if code in values else len(values)
