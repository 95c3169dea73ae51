"""Read paths for employers: who has positions in an occupation, where, and how many.

An employer is counted once per occupation however many of the occupation's job titles it
reports employees under; the number employed is the sum over those titles, which never counts
a person twice because each employment relationship has one title.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Collate

from employers.models import ApprenticeshipApproval, Employer, Employment
from norwegian.collation import NORWEGIAN, sort_key
from regions.models import County

ORDERINGS = {
    "ansatte": ("-employed", Collate("name", NORWEGIAN), "pk"),
    "navn": (Collate("name", NORWEGIAN), "pk"),
    "kommune": (Collate("municipality__name", NORWEGIAN), Collate("name", NORWEGIAN), "pk"),
    "laerekontrakter": ("-contracts", Collate("name", NORWEGIAN), "pk"),
}


def latest_period():
    """The newest month of Aa-registeret data (the register is replaced month by month)."""
    return Employment.objects.aggregate(latest=Max("period"))["latest"]


def _sum_per_employer(queryset, field):
    total = queryset.filter(employer=OuterRef("pk")).values("employer").annotate(total=Sum(field))
    return Coalesce(Subquery(total.values("total"), output_field=IntegerField()), Value(0))


@dataclass(frozen=True)
class EmployerMatch:
    """The employers matching job titles and/or trades in a month, optionally in one region."""

    job_title_ids: tuple
    trade_ids: tuple
    period: object
    county: County | None = None
    municipality: object = None

    @property
    def employment(self):
        if self.period is None or not self.job_title_ids:
            return Employment.objects.none()
        return Employment.objects.filter(period=self.period, job_title_id__in=self.job_title_ids)

    @property
    def approvals(self):
        if not self.trade_ids:
            return ApprenticeshipApproval.objects.none()
        return ApprenticeshipApproval.objects.current().filter(trade_id__in=self.trade_ids)

    def _matching(self, *, region=True):
        employers = self.filter(Employer.objects.active())
        if region:
            employers = employers.in_region(county=self.county, municipality=self.municipality)
        return employers

    def filter(self, employers):
        """Narrow a queryset of employers to those matching the titles or trades."""
        ids = self.employment.values("employer_id").union(self.approvals.values("employer_id"))
        return employers.filter(pk__in=ids)

    def annotate(self, employers):
        """Add `employed` in the titles, and the apprenticeship mark in the trades."""
        employers = employers.annotate(employed=_sum_per_employer(self.employment, "count"))
        return with_apprenticeship(employers, trade_ids=self.trade_ids)

    def employers(self, order="ansatte"):
        """Matching employers with `employed`, `contracts` and `is_apprenticeship_company`."""
        return (
            self.annotate(self._matching())
            .select_related("municipality")
            .order_by(*ORDERINGS[order])
        )

    def total_employed(self):
        employment = self.employment.filter(employer__closed_on__isnull=True)
        if self.municipality is not None:
            employment = employment.filter(employer__municipality=self.municipality)
        elif self.county is not None:
            employment = employment.filter(employer__municipality__county=self.county)
        return employment.aggregate(total=Sum("count"))["total"] or 0

    def counts_by_county(self):
        """{county id: number of matching employers}, for the whole country."""
        rows = (
            self._matching(region=False)
            .values("municipality__county")
            .annotate(employers=Count("pk"))
            .order_by()
        )
        return {row["municipality__county"]: row["employers"] for row in rows}


def with_apprenticeship(employers, *, trade_ids=None):
    """Annotate `is_apprenticeship_company` and running `contracts` (in the given trades)."""
    approvals = ApprenticeshipApproval.objects.current()
    if trade_ids is not None:
        approvals = approvals.filter(trade_id__in=trade_ids)
    return employers.annotate(
        is_apprenticeship_company=Exists(approvals.filter(employer=OuterRef("pk"))),
        contracts=_sum_per_employer(approvals, "running_contracts"),
    )


def employer_occupations(employer, period):
    """[(occupation, employed)] for the published occupations the employer has employees in.

    Each employment row has one job title; a title may belong to several occupations, so a
    row counts once for each of them, and never twice for the same one.
    """
    from occupations.models import Occupation

    if period is None:
        return []
    rows = Employment.objects.filter(employer=employer, period=period).prefetch_related(
        Prefetch("job_title__occupations", queryset=Occupation.objects.published())
    )
    employed = defaultdict(int)
    for row in rows:
        for occupation in row.job_title.occupations.all():
            employed[occupation] += row.count
    return sorted(employed.items(), key=lambda item: (-item[1], sort_key(item[0].title)))
