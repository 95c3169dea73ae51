"""Which occupations a comparison shows: the `yrker` parameter, read and checked.

The address is the state: `?yrker=tannhelsesekretaer,tannpleier` (in that order), so a
comparison can be shared, bookmarked and cached. A form with one checkbox per occupation sends
`?yrker=a&yrker=b`; that is read the same way and redirected to the comma form.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MIN_OCCUPATIONS = 2
MAX_OCCUPATIONS = 4
# Enough to name every slug a visitor may have mistyped; beyond it the rest is not looked up.
MAX_LOOKUP = 20
SLUG = re.compile(r"^[-a-z0-9_]{1,140}$")


@dataclass
class Selection:
    slugs: list  # As given, in order, without empty parts.
    canonical: str  # The comma form of the unique slugs, in their order.
    is_canonical: bool  # The address already says it that way.
    errors: list = field(default_factory=list)

    @property
    def unique(self):
        return list(dict.fromkeys(self.slugs))

    def lookup(self):
        """The slugs worth looking up: well-formed ones, at most MAX_LOOKUP."""
        return [slug for slug in self.unique if SLUG.match(slug)][:MAX_LOOKUP]

    def unknown(self, found):
        """Add a message for each slug that names no published occupation (`found`: slugs)."""
        missing = [slug for slug in self.unique if slug not in found]
        for slug in missing[:MAX_LOOKUP]:
            self.errors.append(
                _("Fant ikke yrket «%(slug)s». Velg yrkene i listen nedenfor.") % {"slug": slug}
            )
        return missing


def selection_read(values):
    """A Selection for the request's `yrker` values (a list, from QueryDict.getlist)."""
    slugs = [part.strip() for value in values for part in value.split(",") if part.strip()]
    unique = list(dict.fromkeys(slugs))
    canonical = ",".join(unique)
    selection = Selection(
        slugs=slugs, canonical=canonical, is_canonical=values in ([canonical], [])
    )
    if len(unique) < len(slugs):
        repeated = [slug for slug in unique if slugs.count(slug) > 1]
        selection.errors.append(
            ngettext(
                "Yrket «%(slugs)s» står flere ganger i utvalget. Velg hvert yrke bare én gang.",
                "Yrkene «%(slugs)s» står flere ganger i utvalget. Velg hvert yrke bare én gang.",
                len(repeated),
            )
            % {"slugs": "», «".join(repeated)}
        )
    if len(unique) > MAX_OCCUPATIONS:
        selection.errors.append(
            _(
                "Du kan sammenligne høyst %(max)s yrker om gangen, og du valgte %(count)s. "
                "Fjern noen av dem."
            )
            % {"max": MAX_OCCUPATIONS, "count": len(unique)}
        )
    return selection
