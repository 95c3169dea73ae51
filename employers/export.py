"""CSV export of an employer list: UTF-8 with a byte-order mark and semicolons, so that
spreadsheets with Norwegian settings open it with æ, ø and å and the columns intact."""

import csv

HEADER = [
    "organisasjonsnummer",
    "navn",
    "adresse",
    "postnummer",
    "poststed",
    "kommunenummer",
    "kommune",
    "fylke",
    "ansatte_i_yrket",
    "antall_ansatte",
    "godkjent_laerebedrift",
    "lopende_laerekontrakter",
    "nedlagt",
]


class _Echo:
    def write(self, value):
        return value


def employer_rows(employers):
    yield HEADER
    for employer in employers.iterator(chunk_size=2000):
        municipality = employer.municipality
        yield [
            employer.orgnr,
            employer.name,
            employer.address,
            employer.postal_code,
            employer.postal_place,
            municipality.code if municipality else "",
            municipality.name if municipality else "",
            municipality.county.name if municipality else "",
            "" if employer.employed is None else employer.employed,
            "" if employer.employees is None else employer.employees,
            "ja" if employer.is_apprenticeship_company else "nei",
            employer.contracts,
            employer.closed_on.isoformat() if employer.closed_on else "",
        ]


def csv_lines(employers):
    """The export as an iterator of text lines, for a StreamingHttpResponse."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in employer_rows(employers):
        yield writer.writerow(row)
