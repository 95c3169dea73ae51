"""Read paths for employers: who has positions in an occupation, where, and how many.

They read the OccupationEmployer read model (see `employers.summary`): one row per occupation
and employer, so an employer with several of the occupation's job titles is counted once, and
the number employed is the sum over those titles. That never counts a person twice, since
each employment relationship has one title.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate

from employers.models import ApprenticeshipApproval, Employer, Employment, OccupationEmployer
from norwegian.collation import NORWEGIAN

# What a list of employers shows (employers/includes/employer_table.html): no more is read.
LISTED_FIELDS = ("orgnr", "name", "closed_on", "employees", "municipality__name")

# Names in Norwegian order through their stored sort key (Employer.sort_name), which the
# employer indexes hold, rather than the collation, which no index serves.
ORDERINGS = {
    "ansatte": ("-employed", "sort_name", "pk"),
    "navn": ("sort_name", "pk"),
    # Where no list of the municipalities in order is at hand (the API); see employer_ordering.
    "kommune": (Collate("municipality__name", NORWEGIAN), "sort_name", "pk"),
    "laerekontrakter": ("-contracts", "sort_name", "pk"),
}


def employer_ordering(order, *, municipalities=None):
    """The ORDER BY of a sort option. Given `municipalities` (ids, A–Å, as the region form
    lists them), "kommune" ranks the employers' municipality ids in that order rather than
    comparing municipality names in the collation for every employer."""
    if order != "kommune" or municipalities is None:
        return ORDERINGS[order]
    rank = Case(
        *(When(municipality_id=pk, then=Value(i)) for i, pk in enumerate(municipalities)),
        output_field=IntegerField(),
    )
    return (rank, "sort_name", "pk")


def latest_period():
    """The newest month of Aa-registeret data (the register is replaced month by month)."""
    return Employment.objects.aggregate(latest=Max("period"))["latest"]


def in_occupation(employers, occupation, *, county=None, municipality=None, apprenticeship=False):
    """Employers of an occupation, annotated with `employed`, `contracts` and
    `is_apprenticeship_company` from its read-model row (one join, one row per employer)."""
    conditions = {"occupation_rows__occupation": occupation}
    if municipality is not None:
        conditions["occupation_rows__municipality"] = municipality
    elif county is not None:
        conditions["occupation_rows__county"] = county
    if apprenticeship:
        conditions["occupation_rows__is_apprenticeship_company"] = True
    return employers.filter(**conditions).annotate(
        employed=F("occupation_rows__employed"),
        contracts=F("occupation_rows__contracts"),
        is_apprenticeship_company=F("occupation_rows__is_apprenticeship_company"),
    )


def with_apprenticeship(employers, *, trade_ids=None):
    """Annotate `is_apprenticeship_company` and running `contracts` (in the given trades).

    Both come from one correlated sum (NULL without an approval), which PostgreSQL runs with
    the approvals' employer index for the rows of the page only; an EXISTS there became a
    hash of every approval, built for each request.
    """
    approvals = ApprenticeshipApproval.objects.current()
    if trade_ids is not None:
        approvals = approvals.filter(trade_id__in=trade_ids)
    contracts = (
        approvals.filter(employer=OuterRef("pk"))
        .values("employer")
        .annotate(total=Sum("running_contracts"))
        .values("total")
    )
    return employers.alias(
        approved_contracts=Subquery(contracts, output_field=IntegerField())
    ).annotate(
        is_apprenticeship_company=ExpressionWrapper(
            Q(approved_contracts__isnull=False), output_field=BooleanField()
        ),
        contracts=Coalesce("approved_contracts", Value(0)),
    )


@dataclass(frozen=True)
class OccupationEmployers:
    """The employers of one occupation, for the whole country or one region."""

    occupation: object
    county: object = None
    municipality: object = None
    apprenticeship: bool = False  # only approved apprenticeship companies

    def _all_rows(self):
        rows = OccupationEmployer.objects.filter(occupation=self.occupation)
        if self.apprenticeship:
            return rows.filter(is_apprenticeship_company=True)
        return rows

    def rows(self):
        rows = self._all_rows()
        if self.municipality is not None:
            return rows.filter(municipality=self.municipality)
        if self.county is not None:
            return rows.filter(county=self.county)
        return rows

    def employers(self, order="ansatte", *, municipalities=()):
        employers = in_occupation(
            Employer.objects.select_related("municipality").only(*LISTED_FIELDS),
            self.occupation,
            county=self.county,
            municipality=self.municipality,
            apprenticeship=self.apprenticeship,
        )
        return employers.order_by(*employer_ordering(order, municipalities=municipalities))

    @cached_property
    def _by_county(self):
        """{county id: (employers, employed)} for the whole country: one grouped query (an
        index-only scan of occemp_county_employed) that the count, the total and the county
        map all come from."""
        rows = (
            self._all_rows()
            .values("county")
            .annotate(employers=Count("*"), employed=Sum("employed"))
            .order_by()
        )
        return {row["county"]: (row["employers"], row["employed"] or 0) for row in rows}

    @cached_property
    def _totals(self):
        """(employers, employed) of the rows shown."""
        if self.municipality is not None:
            totals = self.rows().aggregate(employers=Count("*"), employed=Sum("employed"))
            return totals["employers"], totals["employed"] or 0
        if self.county is not None:
            return self._by_county.get(self.county.pk, (0, 0))
        counts = self._by_county.values()
        return sum(employers for employers, _ in counts), sum(employed for _, employed in counts)

    def count(self):
        return self._totals[0]

    def total_employed(self):
        return self._totals[1]

    def counts_by_county(self):
        """{county id: number of employers}, for the whole country."""
        return {county: employers for county, (employers, _) in self._by_county.items()}


def employer_occupations(employer):
    """[(occupation, employed)] for the published occupations the employer has employees in.

    A job title may belong to several occupations; its employees then count once for each,
    and never twice for the same one.
    """
    rows = (
        OccupationEmployer.objects.filter(
            employer=employer, employed__gt=0, occupation__status="published"
        )
        .select_related("occupation")
        .order_by("-employed", Collate("occupation__title", NORWEGIAN))
    )
    return [(row.occupation, row.employed) for row in rows]
