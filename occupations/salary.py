"""The occupation page's "Lønn" section: SSB's monthly earnings for its STYRK-08 unit groups."""

from dataclasses import dataclass

from occupations.models import SalaryStatistic


@dataclass(frozen=True)
class SalaryRow:
    label: str
    values: list  # One per measure column; None where SSB does not publish the figure.


@dataclass(frozen=True)
class SalaryTable:
    """One unit group's newest year: by sector for SSB's first gender ("Begge kjønn"), and by
    the other genders for its first sector (all sectors). SSB lists the totals first."""

    group: object
    year: int
    measures: list
    gender_label: str
    sector_label: str
    by_sector: list
    by_gender: list

    @property
    def has_unpublished(self):
        return any(None in row.values for row in self.by_sector + self.by_gender)


def _categories(rows, name):
    """(code, label) of the sectors or genders in `rows`, in SSB's order."""
    found = {
        (getattr(row, f"{name}_order"), getattr(row, f"{name}_code"), getattr(row, f"{name}_label"))
        for row in rows
    }
    return [(code, label) for _order, code, label in sorted(found)]


def _table(group, rows):
    year = max(row.year for row in rows)
    rows = [row for row in rows if row.year == year]
    figures = {(row.sector_code, row.gender_code, row.measure): row.value for row in rows}
    present = {row.measure for row in rows}
    measures = [measure for measure in SalaryStatistic.Measure if measure in present]
    sectors, genders = _categories(rows, "sector"), _categories(rows, "gender")
    (all_sectors, sector_label), (both_genders, gender_label) = sectors[0], genders[0]

    def row(label, sector, gender):
        return SalaryRow(label, [figures.get((sector, gender, measure)) for measure in measures])

    return SalaryTable(
        group=group,
        year=year,
        measures=measures,
        gender_label=gender_label,
        sector_label=sector_label,
        by_sector=[row(label, code, both_genders) for code, label in sectors],
        by_gender=[row(label, all_sectors, code) for code, label in genders[1:]],
    )


def salary_tables(occupation):
    """A table for each of the occupation's unit groups that has figures (uses for_page())."""
    tables = []
    for group in occupation.styrk_groups.all():
        rows = list(group.salary_statistics.all())
        if rows:
            tables.append(_table(group, rows))
    return tables
