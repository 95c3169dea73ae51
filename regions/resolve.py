"""Old county and municipality numbers resolved to today's regions.

Municipalities follow SSB's change table through chains and splits (0101 Halden → 3001 → 3101;
1507 Ålesund → 1508 Ålesund + 1580 Haram). A county that no longer exists is resolved through
its municipalities, since a split county has no single successor (30 Viken → 31, 32, 33).
"""

from dataclasses import dataclass

from regions.models import County, Municipality, RegionChange


@dataclass(frozen=True)
class Resolution:
    """What an entered number means today: the regions, and the old name if it was renamed."""

    code: str
    regions: list
    old_name: str = ""

    @property
    def is_current(self):
        return len(self.regions) == 1 and self.regions[0].code == self.code


def _follow(code, changes, current):
    """Today's codes reached from `code` by changes later than each step before it."""
    found, frontier, seen = set(), [(code, None)], set()
    while frontier:
        step, since = frontier.pop()
        if (step, since) in seen:
            continue
        seen.add((step, since))
        later = [
            (new, on)
            for old, new, on in changes
            if old == step and new != step and (since is None or on > since)
        ]
        if later:
            frontier.extend(later)
        elif step in current:
            found.add(step)
    return found


def _municipality_changes():
    return list(
        RegionChange.objects.filter(kind=RegionChange.Kind.MUNICIPALITY).values_list(
            "old_code", "new_code", "changed_on"
        )
    )


def _old_name(kind, code):
    change = RegionChange.objects.filter(kind=kind, old_code=code).order_by("-changed_on").first()
    return change.old_name if change else ""


def resolve_municipality(code):
    municipality = Municipality.objects.select_related("county").filter(code=code).first()
    if municipality:
        return Resolution(code, [municipality])
    current = set(Municipality.objects.values_list("code", flat=True))
    codes = _follow(code, _municipality_changes(), current)
    regions = list(Municipality.objects.select_related("county").filter(code__in=codes))
    return Resolution(code, regions, _old_name(RegionChange.Kind.MUNICIPALITY, code))


def resolve_county(code):
    county = County.objects.filter(code=code).first()
    if county:
        return Resolution(code, [county])
    current = set(Municipality.objects.values_list("code", flat=True))
    changes = _municipality_changes()
    old_municipalities = {old for old, _new, _on in changes if old[:2] == code}
    codes = set()
    for old in old_municipalities:
        codes |= _follow(old, changes, current)
    regions = list(County.objects.filter(municipalities__code__in=codes).distinct())
    return Resolution(code, regions, _old_name(RegionChange.Kind.COUNTY, code))
