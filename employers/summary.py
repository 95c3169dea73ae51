"""Rebuilding the employer read models: OccupationEmployer from employment and apprenticeship
approvals, JobTitleEmployees from employment.

One INSERT … SELECT per refresh, built from ORM querysets, so it runs in the database on both
engines and never loads a million rows into Python.
"""

from django.db import connection, transaction
from django.db.models import F, IntegerField, Sum, Value

from classifications.models import JobTitle, Trade
from employers.models import (
    ApprenticeshipApproval,
    Employment,
    JobTitleEmployees,
    OccupationEmployer,
)
from employers.queries import latest_period

ZERO, ONE = Value(0, output_field=IntegerField()), Value(1, output_field=IntegerField())


def _part(rows, *, occupation, employed, contracts, approved):
    """One half of the union: (occupation, employer, place, employed, contracts, approved)."""
    return rows.filter(**{f"{occupation}__isnull": False}).values(
        occ=F(occupation),
        emp=F("employer"),
        mun=F("employer__municipality"),
        cty=F("employer__municipality__county"),
        employed=employed,
        contracts=contracts,
        approved=approved,
    )


def _employment(period, occupations):
    rows = Employment.objects.filter(period=period, employer__closed_on__isnull=True)
    if occupations is not None:
        rows = rows.filter(job_title__in=JobTitle.objects.filter(occupations__in=occupations))
    return _part(
        rows,
        occupation="job_title__occupations",
        employed=F("count"),
        contracts=ZERO,
        approved=ZERO,
    )


def _approvals(occupations):
    rows = ApprenticeshipApproval.objects.current().filter(employer__closed_on__isnull=True)
    if occupations is not None:
        rows = rows.filter(trade__in=Trade.objects.filter(occupations__in=occupations))
    return _part(
        rows,
        occupation="trade__occupations",
        employed=ZERO,
        contracts=F("running_contracts"),
        approved=ONE,
    )


@transaction.atomic
def occupation_employers_refresh(*, occupations=None):
    """Rebuild the rows of the given occupations (all when None) for the newest month.

    Returns the number of rows written.
    """
    stale = OccupationEmployer.objects.all()
    if occupations is not None:
        occupations = [getattr(occupation, "pk", occupation) for occupation in occupations]
        if not occupations:
            return 0
        stale = stale.filter(occupation__in=occupations)
    stale.delete()

    period = latest_period()
    parts = _approvals(occupations)
    if period is not None:
        parts = _employment(period, occupations).union(parts, all=True)
    select, params = parts.query.get_compiler(connection=connection).as_sql()
    where = ""
    if occupations is not None:
        # A title or trade in scope may also belong to occupations outside it.
        where = f"WHERE occ IN ({', '.join(['%s'] * len(occupations))})"
        params = (*params, *occupations)
    table = connection.ops.quote_name(OccupationEmployer._meta.db_table)
    sql = (
        f"INSERT INTO {table} (occupation_id, employer_id, municipality_id, county_id, "
        f"employed, contracts, is_apprenticeship_company) "
        f"SELECT occ, emp, MAX(mun), MAX(cty), SUM(employed), SUM(contracts), MAX(approved) > 0 "
        f"FROM ({select}) AS parts {where} GROUP BY occ, emp"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


@transaction.atomic
def job_title_employees_refresh(*, job_titles=None):
    """Rebuild the employees per job title (of the given titles; all when None) for the newest
    month. Returns the number of rows written."""
    stale = JobTitleEmployees.objects.all()
    rows = Employment.objects.filter(period=latest_period())
    if job_titles is not None:
        job_titles = [getattr(job_title, "pk", job_title) for job_title in job_titles]
        if not job_titles:
            return 0
        stale = stale.filter(job_title__in=job_titles)
        rows = rows.filter(job_title__in=job_titles)
    stale.delete()
    totals = rows.values("job_title").annotate(total=Sum("count")).values("job_title", "total")
    select, params = totals.order_by().query.get_compiler(connection=connection).as_sql()
    table = connection.ops.quote_name(JobTitleEmployees._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (job_title_id, employees) {select}", params)
        return cursor.rowcount
