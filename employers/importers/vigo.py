"""Vigo, nightly, one file per county: approved apprenticeship companies and their contracts.

The file (see docs/data-feeds.md) is UTF-8 and semicolon-separated:

    orgnr;fylkesnummer;programomradekode;laerefag;godkjent;godkjent_fra;godkjent_til;lopende_laerekontrakter
    974760673;46;HSHEA3----;Helsearbeiderfaget;ja;2015-08-01;;3

A county's file replaces that county's approvals only.
"""

import datetime

from django.db.models.functions import Lower
from stdnum.no import orgnr as stdnum_orgnr

from changes.record import changes_record
from classifications.models import Trade
from employers.models import ApprenticeshipApproval, Employer
from regions.models import County
from registers.importing import ImportFailed, read_csv

COLUMNS = (
    "orgnr",
    "fylkesnummer",
    "programomradekode",
    "laerefag",
    "godkjent",
    "godkjent_fra",
    "godkjent_til",
    "lopende_laerekontrakter",
)
YES, NO = {"ja", "j", "true", "1"}, {"nei", "n", "false", "0"}
FIELDS = ("is_approved", "approved_from", "approved_to", "running_contracts")


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _parse(line, row, report):
    orgnr = row["orgnr"].replace(" ", "")
    code, name = row["programomradekode"], row["laerefag"]
    approved = row["godkjent"].lower()
    try:
        approved_from, approved_to = _date(row["godkjent_fra"]), _date(row["godkjent_til"])
    except ValueError:
        report.reject(line, "ugyldig dato (skriv ÅÅÅÅ-MM-DD)")
        return None
    if not stdnum_orgnr.is_valid(orgnr):
        report.reject(line, f"ugyldig organisasjonsnummer {orgnr!r}")
    elif not code or len(code) > 20 or not name:
        report.reject(line, "programområdekode og lærefag må være fylt ut")
    elif approved not in YES | NO:
        report.reject(line, f"godkjent må være ja eller nei, ikke {row['godkjent']!r}")
    elif not row["lopende_laerekontrakter"].isdigit():
        report.reject(line, f"ugyldig antall lærekontrakter {row['lopende_laerekontrakter']!r}")
    elif approved_from and approved_to and approved_to < approved_from:
        report.reject(line, "godkjent til er før godkjent fra")
    else:
        return (
            orgnr,
            code,
            name,
            {
                "is_approved": approved in YES,
                "approved_from": approved_from,
                "approved_to": approved_to,
                "running_contracts": int(row["lopende_laerekontrakter"]),
            },
        )
    return None


def _trades(found):
    """Trade ids by Vigo code: matched on code, else on name (filling the code), else created."""
    by_code = dict(Trade.objects.exclude(code="").values_list("code", "pk"))
    by_name = {
        name: pk
        for pk, name in Trade.objects.filter(code="")
        .annotate(lower=Lower("name"))
        .values_list("pk", "lower")
    }
    for code, name in found.items():
        if code in by_code:
            Trade.objects.filter(pk=by_code[code]).exclude(name=name).update(name=name)
        elif name.lower() in by_name:
            Trade.objects.filter(pk=by_name[name.lower()]).update(code=code, name=name)
            by_code[code] = by_name.pop(name.lower())
        else:
            by_code[code] = Trade.objects.create(code=code, name=name).pk
    return by_code


def vigo_import(*, path, report, county):
    """Import one county's file; `county` is the county number the file must be for."""
    county_obj = County.objects.filter(code=county).first()
    if county_obj is None:
        raise ImportFailed(f"Ukjent fylkesnummer {county!r}.")
    rows, trades, lines = {}, {}, {}
    for line, row in read_csv(path, required_columns=COLUMNS, report=report, delimiter=";"):
        if row["fylkesnummer"] != county:
            raise ImportFailed(
                f"{path.name} er ikke for fylke {county}: linje {line} gjelder fylke "
                f"{row['fylkesnummer']!r}. Hver fil skal gjelde ett fylke."
            )
        parsed = _parse(line, row, report)
        if parsed is None:
            continue
        orgnr, code, name, values = parsed
        if (orgnr, code) in lines:
            report.reject(line, f"{orgnr} i {code} står også på linje {lines[orgnr, code]}")
            continue
        lines[orgnr, code] = line
        trades[code] = name
        rows[orgnr, code] = values
    if report.read == 0:
        raise ImportFailed(f"{path.name} har ingen rader.")

    employers = Employer.objects.in_bulk({orgnr for orgnr, _code in rows}, field_name="orgnr")
    for (orgnr, code), line in sorted(lines.items(), key=lambda item: item[1]):
        if orgnr not in employers:
            report.reject(line, f"ukjent virksomhet {orgnr} (ikke i Enhetsregisteret)")
            del rows[orgnr, code]
    trade_ids = _trades(trades)
    wanted = {
        (employers[orgnr].pk, trade_ids[code]): values for (orgnr, code), values in rows.items()
    }
    existing = {
        (approval.employer_id, approval.trade_id): approval
        for approval in ApprenticeshipApproval.objects.filter(county=county_obj)
    }
    to_create, to_update = [], []
    for key, values in wanted.items():
        approval = existing.get(key)
        if approval is None:
            to_create.append(
                ApprenticeshipApproval(
                    employer_id=key[0], trade_id=key[1], county=county_obj, **values
                )
            )
        elif any(getattr(approval, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(approval, field, value)
            to_update.append(approval)
        else:
            report.unchanged += 1
    gone = [approval for key, approval in existing.items() if key not in wanted]
    ApprenticeshipApproval.objects.bulk_create(to_create, batch_size=1000)
    ApprenticeshipApproval.objects.bulk_update(to_update, FIELDS, batch_size=1000)
    # Trades are matched, named or created above (_trades): any may have changed.
    changes_record(rows=[*to_create, *to_update, *gone], models=[Trade])
    ApprenticeshipApproval.objects.filter(pk__in=[approval.pk for approval in gone]).delete()
    report.created, report.updated, report.closed = len(to_create), len(to_update), len(gone)
    return report
