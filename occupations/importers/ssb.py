"""Statistics Norway (SSB): what graduates work as, and monthly earnings by occupation.

Both read JSON-stat 2.0 as PxWebApi returns it (see docs/data-feeds.md); a cell of the
table is a "celle" in the report, numbered from 1 in the order of `value`.

- `ssb_education_import`: employed persons by education (NUS) and occupation (STYRK-08 unit
  group), per year. It stores each education's share in each unit group and replaces the
  shares of every (education, year) the file contains.
- `ssb_salary_import`: monthly earnings (median, mean, quartiles) by unit group, sector and
  gender, per year, upserted. A figure SSB does not publish is kept with its status symbol.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from changes.record import changes_record
from classifications.models import StyrkGroup
from occupations.models import Education, GraduateOutcome, SalaryStatistic
from registers.importing import ImportFailed
from registers.jsonstat import read_dataset

EDUCATION = ("Utdanning", "NUS")
OCCUPATION = "Yrke"
CONTENTS = "ContentsCode"
YEAR = "Tid"
SECTOR = "Sektor"
GENDER = "Kjonn"
MEASURE = "MaaleMetode"

# SSB's symbols for a figure that is not given: cannot occur, not available, not yet
# available, not published (too few people).
SUPPRESSED = {".", "..", "...", ":"}
MISSING = ".."
CELL = "celle"

MEASURE_CODES = {
    "Median": SalaryStatistic.Measure.MEDIAN,
    "Gjennomsnitt": SalaryStatistic.Measure.MEAN,
    "NedreKvartil": SalaryStatistic.Measure.LOWER_QUARTILE,
    "OvreKvartil": SalaryStatistic.Measure.UPPER_QUARTILE,
}
MEASURE_WORDS = {
    "median": SalaryStatistic.Measure.MEDIAN,
    "gjennomsnitt": SalaryStatistic.Measure.MEAN,
    "nedre kvartil": SalaryStatistic.Measure.LOWER_QUARTILE,
    "øvre kvartil": SalaryStatistic.Measure.UPPER_QUARTILE,
}
ONE_DECIMAL = Decimal("0.1")
STATUS_LENGTH = SalaryStatistic._meta.get_field("status").max_length


def _check_shape(dataset, used):
    """The dataset has cells, and every dimension the import does not read (`used` are the
    ids it does) is narrowed to one category, so that no two cells mean the same figure."""
    for dimension in dataset.dimensions.values():
        if dimension.id not in used and len(dimension.codes) != 1:
            raise ImportFailed(
                f"{dataset.name}: dimensjonen {dimension.id} har {len(dimension.codes)} "
                "kategorier; velg én av dem når tabellen lastes ned."
            )
    if not len(dataset):
        raise ImportFailed(f"{dataset.name} har ingen celler.")


def _years(dataset, dimension):
    for code in dimension.codes:
        if not (code.isdigit() and len(code) == 4):
            raise ImportFailed(
                f"{dataset.name}: {dimension.id} skal være årstall, ikke {code!r}; hent årstall."
            )
    return {code: int(code) for code in dimension.codes}


def _unit_groups(dimension):
    return dict(
        StyrkGroup.objects.unit_groups().filter(code__in=dimension.codes).values_list("code", "pk")
    )


def _check_code_length(dataset, dimension, max_length):
    for code in dimension.codes:
        if len(code) > max_length:
            raise ImportFailed(
                f"{dataset.name}: koden {code!r} i {dimension.id} er lengre enn {max_length} tegn."
            )


def _is_unit_group_code(code):
    return code.isdigit() and len(code) == 4


def _not_unit_group(code):
    return f"yrkeskoden {code!r} er ikke en yrkesgruppe i STYRK-08 (4 sifre)"


def _unknown_unit_group(code):
    return f"ukjent yrkesgruppe {code} (ikke i STYRK-08)"


def _replace(model, *, key_fields, existing, wanted, report, delete=True):
    """Make `existing` ({key: object}) equal to `wanted` ({key: field values}), counting.

    Rows whose values all match are counted unchanged and not written; with `delete`, rows
    in `existing` that are not wanted are deleted and counted as closed.
    """
    to_create, to_update, fields = [], [], set()
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            to_create.append(model(**dict(zip(key_fields, key, strict=True)), **values))
            continue
        changed = {field: value for field, value in values.items() if getattr(obj, field) != value}
        if not changed:
            report.unchanged += 1
            continue
        for field, value in changed.items():
            setattr(obj, field, value)
        fields.update(changed)
        to_update.append(obj)
    gone = [obj.pk for key, obj in existing.items() if key not in wanted] if delete else []
    model.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields), batch_size=1000)
    for start in range(0, len(gone), 500):
        model.objects.filter(pk__in=gone[start : start + 500]).delete()
    report.created += len(to_create)
    report.updated += len(to_update)
    report.closed += len(gone)


def ssb_education_import(*, path, report):
    """Import employed persons by education and occupation; store each education's shares.

    A share is the number employed in a unit group divided by all employed with the education
    that year (the sum of the file's published unit-group cells, unknown groups included).
    Cells SSB does not publish are left out of both and noted, not rejected: suppression is how
    SSB publishes small groups, not a fault in the file.
    """
    dataset = read_dataset(path)
    education = dataset.dimension(*EDUCATION)
    occupation = dataset.dimension(OCCUPATION)
    contents = dataset.dimension(CONTENTS)
    time = dataset.dimension(YEAR)
    if len(contents.codes) != 1:
        raise ImportFailed(
            f"{dataset.name}: ContentsCode skal ha én kategori (antall sysselsatte), "
            f"har {', '.join(contents.codes)}."
        )
    _check_shape(dataset, {education.id, occupation.id, contents.id, time.id})
    years = _years(dataset, time)
    educations = dict(
        Education.objects.filter(nus_code__in=education.codes).values_list("nus_code", "pk")
    )
    groups = _unit_groups(occupation)

    totals, counts, suppressed = defaultdict(int), {}, 0
    for position, record in enumerate(dataset.records(), start=1):
        report.read += 1
        nus, styrk, value = record[education.id], record[occupation.id], record["value"]
        year = years[record[time.id]]
        if not (nus.isdigit() and len(nus) == 6):
            report.reject(position, f"utdanningskoden {nus!r} er ikke en NUS-kode (6 sifre)", CELL)
        elif nus not in educations:
            report.reject(position, f"ukjent NUS-kode {nus} (ingen utdanning har den)", CELL)
        elif value is None or record["status"] in SUPPRESSED:
            suppressed += 1
        elif value < 0 or value != int(value):
            report.reject(position, f"antall sysselsatte {value!r} er ikke et helt tall", CELL)
        elif not _is_unit_group_code(styrk):
            report.reject(position, _not_unit_group(styrk), CELL)
        else:
            totals[educations[nus], year] += int(value)
            if styrk not in groups:
                report.reject(position, _unknown_unit_group(styrk), CELL)
            elif value:
                counts[educations[nus], groups[styrk], year] = int(value)
    if suppressed:
        report.notes.append(f"{suppressed} celler er ikke publisert av SSB og ble hoppet over.")

    wanted = {
        key: {
            "share_percent": (Decimal(100 * count) / totals[key[0], key[2]]).quantize(
                ONE_DECIMAL, ROUND_HALF_UP
            )
        }
        for key, count in counts.items()
    }
    existing = {
        (outcome.education_id, outcome.styrk_group_id, outcome.year): outcome
        for outcome in GraduateOutcome.objects.filter(
            education__in=educations.values(), year__in=years.values()
        )
    }
    _replace(
        GraduateOutcome,
        key_fields=("education_id", "styrk_group_id", "year"),
        existing=existing,
        wanted=wanted,
        report=report,
    )
    if report.changed:
        changes_record(models=[GraduateOutcome])
    return report


def _measures(dataset, dimension):
    """SalaryStatistic.Measure by category code: by the code, else by words in the label."""
    measures = {}
    for code in dimension.codes:
        label = dimension.labels[code]
        measure = MEASURE_CODES.get(code) or next(
            (value for word, value in MEASURE_WORDS.items() if word in label.lower()), None
        )
        if measure is None:
            raise ImportFailed(
                f"{dataset.name}: {dimension.id} {code} «{label}» er ikke median, gjennomsnitt, "
                "nedre eller øvre kvartil; velg bare disse når tabellen lastes ned."
            )
        if measure in measures.values():
            raise ImportFailed(
                f"{dataset.name}: {dimension.id} har to kategorier for "
                f"{measure.label.lower()}; velg én."
            )
        measures[code] = measure
    return measures


def ssb_salary_import(*, path, report):
    """Import monthly earnings by unit group, sector, gender and measure; upsert every figure.

    The measure is read from MaaleMetode when the table has it (as SSB's 11418 does), else
    from ContentsCode. Rows the file does not mention are left as they are.
    """
    dataset = read_dataset(path)
    occupation = dataset.dimension(OCCUPATION)
    sector = dataset.dimension(SECTOR)
    gender = dataset.dimension(GENDER)
    time = dataset.dimension(YEAR)
    measure = dataset.dimensions.get(MEASURE) or dataset.dimension(CONTENTS)
    _check_shape(dataset, {occupation.id, sector.id, gender.id, measure.id, time.id})
    for dimension, field in [(sector, "sector_code"), (gender, "gender_code")]:
        _check_code_length(dataset, dimension, SalaryStatistic._meta.get_field(field).max_length)
    years = _years(dataset, time)
    measures = _measures(dataset, measure)
    groups = _unit_groups(occupation)
    sector_order = {code: order for order, code in enumerate(sector.codes)}
    gender_order = {code: order for order, code in enumerate(gender.codes)}

    wanted = {}
    for position, record in enumerate(dataset.records(), start=1):
        report.read += 1
        styrk, value, status = record[occupation.id], record["value"], record["status"]
        if not _is_unit_group_code(styrk):
            report.reject(position, _not_unit_group(styrk), CELL)
            continue
        if styrk not in groups:
            report.reject(position, _unknown_unit_group(styrk), CELL)
            continue
        if value is not None and value < 0:
            report.reject(position, f"månedslønnen {value!r} er negativ", CELL)
            continue
        if len(status) > STATUS_LENGTH:
            report.reject(position, f"ukjent standardtegn {status!r}", CELL)
            continue
        sector_code, gender_code = record[sector.id], record[gender.id]
        key = (
            groups[styrk],
            years[record[time.id]],
            sector_code,
            gender_code,
            measures[record[measure.id]],
        )
        wanted[key] = {
            "sector_label": sector.labels[sector_code][:200],
            "sector_order": sector_order[sector_code],
            "gender_label": gender.labels[gender_code][:100],
            "gender_order": gender_order[gender_code],
            "value": None if value is None else round(value),
            "status": (status or MISSING) if value is None else status,
        }
    existing = {
        (row.styrk_group_id, row.year, row.sector_code, row.gender_code, row.measure): row
        for row in SalaryStatistic.objects.filter(
            styrk_group__in=groups.values(), year__in=years.values()
        )
    }
    _replace(
        SalaryStatistic,
        key_fields=("styrk_group_id", "year", "sector_code", "gender_code", "measure"),
        existing=existing,
        wanted=wanted,
        report=report,
        delete=False,
    )
    if report.changed:
        changes_record(models=[SalaryStatistic])
    return report
