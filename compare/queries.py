"""What a comparison shows of each occupation, in a fixed number of queries.

Employer figures come from the employer read model (`OccupationEmployer`) and are counted as
the occupation page counts them (`employers.queries.OccupationEmployers`): one row per
employer, the number employed summed over the occupation's job titles.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum

from classifications.models import StyrkGroup
from employers.models import OccupationEmployer
from occupations.models import Occupation, OccupationEducation, QualityReview, SalaryStatistic
from occupations.salary import salary_tables

DUTIES_SHOWN = 3


def occupations_for_comparison(slugs):
    """The published occupations with these slugs, in the order given."""
    if not slugs:
        return []
    found = (
        Occupation.objects.published()
        .filter(slug__in=slugs)
        .prefetch_related(
            "duties",
            "trades",
            Prefetch(
                "programmes", queryset=OccupationEducation.objects.select_related("education")
            ),
            Prefetch("reviews", queryset=QualityReview.objects.select_related("organisation")),
            Prefetch(
                "styrk_groups",
                queryset=StyrkGroup.objects.order_by("code").prefetch_related(
                    Prefetch("salary_statistics", queryset=SalaryStatistic.objects.newest_year())
                ),
            ),
        )
    )
    by_slug = {occupation.slug: occupation for occupation in found}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


@dataclass(frozen=True)
class EmployerFigures:
    employers: int = 0
    apprenticeship_companies: int = 0
    employed: int = 0


def employer_figures(occupations, *, county=None):
    """{occupation id: EmployerFigures} for the whole country or one county, in one query."""
    rows = OccupationEmployer.objects.filter(occupation__in=occupations)
    if county is not None:
        rows = rows.filter(county=county)
    figures = (
        rows.values("occupation")
        .annotate(
            employers=Count("*"),
            apprenticeship_companies=Count("pk", filter=Q(is_apprenticeship_company=True)),
            employed=Sum("employed"),
        )
        .order_by()
    )
    return {
        row["occupation"]: EmployerFigures(
            employers=row["employers"],
            apprenticeship_companies=row["apprenticeship_companies"],
            employed=row["employed"] or 0,
        )
        for row in figures
    }


@dataclass(frozen=True)
class Median:
    """SSB's median monthly earnings for a unit group: all sectors, SSB's first gender (both)."""

    group: object
    year: int
    value: int | None  # None where SSB does not publish it


def salary_medians(occupation):
    medians = []
    for table in salary_tables(occupation):
        if SalaryStatistic.Measure.MEDIAN in table.measures:
            index = table.measures.index(SalaryStatistic.Measure.MEDIAN)
            medians.append(Median(table.group, table.year, table.by_sector[0].values[index]))
    return medians


@dataclass
class Column:
    occupation: object
    figures: EmployerFigures
    remove_url: str
    duties: list = field(default_factory=list)
    more_duties: int = 0
    salaries: list = field(default_factory=list)
    review: object = None


def comparison_columns(occupations, *, county=None, remove_url):
    """A Column per occupation; `remove_url(occupation)` is the comparison without it."""
    figures = employer_figures(occupations, county=county)
    columns = []
    for occupation in occupations:
        duties = list(occupation.duties.all())
        columns.append(
            Column(
                occupation=occupation,
                figures=figures.get(occupation.pk, EmployerFigures()),
                remove_url=remove_url(occupation),
                duties=duties[:DUTIES_SHOWN],
                more_duties=max(0, len(duties) - DUTIES_SHOWN),
                salaries=salary_medians(occupation),
                review=occupation.latest_review(),
            )
        )
    return columns
