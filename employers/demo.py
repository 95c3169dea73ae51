"""Fictitious employers for demos, tests and benchmarks, generated deterministically.

Every employer is clearly fictitious: its name starts with "Eksempel" and its organisation
number starts with 1, a range Brønnøysundregistrene does not assign (real numbers start
with 8 or 9), while the mod-11 check digit is right so validation treats it like a real one.
Employment is generated only in job titles that exist and approvals only in trades that
occupations are linked to: nothing here invents a register code.
"""

import datetime
import itertools
import random
from collections import Counter, defaultdict

from django.db import transaction
from stdnum.no import orgnr as stdnum_orgnr

from changes.record import changes_record
from employers.models import ApprenticeshipApproval, Employer, Employment
from occupations.models import Occupation
from regions.models import Municipality, PostalCode

KINDS = {
    "tannhelsesekretaer": ["Tannklinikk", "Tannlegesenter", "Tannhelse"],
    "tannpleier": ["Tannklinikk", "Tannpleie"],
    "tannlege": ["Tannlegekontor", "Tannklinikk"],
    "helsefagarbeider": ["Omsorgssenter", "Sykehjem", "Hjemmetjeneste"],
    "elektriker": ["Elektro", "Elektroinstallasjon"],
    "rorlegger": ["Rør", "VVS"],
    "tomrer": ["Bygg", "Tømrerservice"],
    "kokk": ["Restaurant", "Kantine", "Bistro"],
    "frisor": ["Frisørsalong", "Hårstudio"],
    "bilmekaniker": ["Bilverksted", "Bilservice"],
    "yrkessjafor": ["Transport", "Logistikk"],
}
STEMS = [
    "Fjordlys",
    "Nordlys",
    "Bjørkeli",
    "Havbris",
    "Solberg",
    "Granly",
    "Elvebakken",
    "Fjellro",
    "Kystlinje",
    "Lyngheia",
    "Måkeskjær",
    "Øvre Dal",
    "Åsen",
    "Blåbær",
    "Furulund",
    "Sjøglimt",
    "Vestavind",
    "Midtbyen",
    "Torget",
    "Kaia",
    "Bryggen",
    "Skogkanten",
    "Lia",
    "Engen",
]
SUFFIXES = ["AS", "AS", "AS", "SA", "ANS"]
ORGNR_START = 10_000_000  # "1" followed by seven digits, then the check digit


def fictitious_orgnrs(start=ORGNR_START):
    """Valid organisation numbers in a range that is never assigned to real entities."""
    for number in itertools.count(start):
        base = f"{number:08d}"
        valid = [base + digit for digit in "0123456789" if stdnum_orgnr.is_valid(base + digit)]
        if valid:  # One base in eleven has no valid check digit.
            yield valid[0]


def previous_month(today=None):
    today = today or datetime.date.today()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _municipalities_with_postal_codes():
    """Municipalities with their street-address postal codes; their number is a size proxy."""
    postal_codes = defaultdict(list)
    for code in PostalCode.objects.filter(category__in=["G", "B"]).order_by("code"):
        postal_codes[code.municipality_id].append(code)
    municipalities = [
        m
        for m in Municipality.objects.select_related("county").order_by("code")
        if postal_codes[m.pk]
    ]
    return municipalities, postal_codes


def _profiles():
    """(occupation, job title ids, trade ids) for each occupation employers can be made for."""
    occupations = Occupation.objects.prefetch_related("job_titles", "trades").order_by("slug")
    profiles = []
    for occupation in occupations:
        titles = sorted(title.pk for title in occupation.job_titles.all())
        trades = sorted(trade.pk for trade in occupation.trades.all())
        if titles or trades:
            profiles.append((occupation, titles, trades))
    return profiles


def employers_generate(
    *, count, seed=2026, period=None, titles_per_employer=(1, 3), skew=0.0, batch_size=5000
):
    """Create `count` fictitious employers with employment and approvals; idempotent per seed.

    Occupations are picked with Zipf weights 1/rank**skew (0 spreads employers evenly; 1 makes
    a few occupations large, as in real registers).

    Returns a Counter of what was created. Orgnrs already in the database are skipped, so a
    second run with the same arguments creates nothing.
    """
    rng = random.Random(seed)
    period = period or previous_month()
    profiles = _profiles()
    if not profiles:
        return Counter()
    municipalities, postal_codes = _municipalities_with_postal_codes()
    weights = [len(postal_codes[m.pk]) for m in municipalities]
    profile_weights = [1 / (rank**skew) for rank in range(1, len(profiles) + 1)]
    existing = set(Employer.objects.filter(orgnr__startswith="1").values_list("orgnr", flat=True))
    created = Counter()
    orgnrs = fictitious_orgnrs()

    with transaction.atomic():
        for offset in range(0, count, batch_size):
            plans = []
            for _ in range(min(batch_size, count - offset)):
                orgnr = next(orgnrs)
                occupation, titles, trades = rng.choices(profiles, profile_weights)[0]
                municipality = rng.choices(municipalities, weights)[0]
                postal_code = rng.choice(postal_codes[municipality.pk])
                kind = rng.choice(KINDS.get(occupation.slug, ["Service", "Drift", "Senter"]))
                employer = Employer(
                    orgnr=orgnr,
                    name=f"Eksempel {rng.choice(STEMS)} {kind} {rng.choice(SUFFIXES)}",
                    municipality=municipality,
                    postal_code=postal_code.code,
                    postal_place=postal_code.place,
                    address=f"Eksempelveien {rng.randint(1, 150)}",
                    employees=rng.choice([None, rng.randint(1, 250)]),
                    registered_on=datetime.date(rng.randint(1980, 2025), rng.randint(1, 12), 1),
                )
                plans.append((employer, titles, trades))
            new = [plan for plan in plans if plan[0].orgnr not in existing]
            Employer.objects.bulk_create([employer for employer, *_ in new], batch_size=batch_size)
            created["employers"] += len(new)

            employment, approvals = [], []
            for employer, titles, trades in new:
                if titles:
                    low, high = titles_per_employer
                    chosen = rng.sample(titles, min(len(titles), rng.randint(low, high)))
                    employment.extend(
                        Employment(
                            employer=employer,
                            job_title_id=title,
                            period=period,
                            count=max(1, int(rng.paretovariate(1.6))),
                        )
                        for title in chosen
                    )
                if trades and (not titles or rng.random() < 0.3):
                    approved_from = datetime.date(rng.randint(2008, 2025), rng.randint(1, 12), 1)
                    approvals.append(
                        ApprenticeshipApproval(
                            employer=employer,
                            trade_id=rng.choice(trades),
                            county=employer.municipality.county,
                            approved_from=approved_from,
                            running_contracts=rng.choice([0, 0, 1, 1, 2, 3, 4]),
                        )
                    )
            Employment.objects.bulk_create(employment, batch_size=batch_size)
            ApprenticeshipApproval.objects.bulk_create(approvals, batch_size=batch_size)
            created["employment"] += len(employment)
            created["approvals"] += len(approvals)
        if created["employers"]:
            changes_record(models=[Employer, Employment, ApprenticeshipApproval])
    return created
