"""Quality-assurance review age: which occupations need a new review."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from occupations.models import Occupation, QualityReview


def years_before(today, years):
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@dataclass
class Bucket:
    key: str
    label: str
    filter_value: str = ""
    occupations: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.occupations)


def review_buckets(*, today):
    """Every occupation (not the working drafts) in one bucket by its latest review: never
    reviewed, more than 24 months ago, 12–24 months ago, within the last 12 months."""
    latest = QualityReview.objects.filter(occupation=OuterRef("pk")).order_by("-reviewed_on", "-pk")
    occupations = (
        Occupation.objects.with_latest_review()
        .annotate(latest_organisation=Subquery(latest.values("organisation__name")[:1]))
        .select_related("working_draft")
        .alphabetical()
    )
    buckets = [
        Bucket("never", _("Aldri kvalitetssikret"), "aldri"),
        Bucket("over-24", _("Kvalitetssikret for mer enn 24 måneder siden"), "eldre-enn-24-mnd"),
        Bucket("over-12", _("Kvalitetssikret for 12–24 måneder siden")),
        Bucket("recent", _("Kvalitetssikret siste 12 måneder")),
    ]
    one_year, two_years = years_before(today, 1), years_before(today, 2)
    for occupation in occupations:
        reviewed = occupation.latest_review_on
        if reviewed is None:
            index = 0
        elif reviewed < two_years:
            index = 1
        elif reviewed < one_year:
            index = 2
        else:
            index = 3
        buckets[index].occupations.append(occupation)
    return buckets
