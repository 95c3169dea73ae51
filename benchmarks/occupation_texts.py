"""Texts of the synthetic occupations, as long as real occupation descriptions and different
for each one, so that the search and the page work on text like the real thing.

Composed from word lists with a random generator seeded by the occupation's number, so the same
number always gets the same text. They say nothing about any real occupation and hold no
figures: no wages, counts or shares are invented.
"""

import random

AREAS = [
    "bygg og anlegg",
    "helse og omsorg",
    "transport og logistikk",
    "varehandel",
    "industriell produksjon",
    "informasjonsteknologi",
    "undervisning",
    "reiseliv og servering",
    "landbruk",
    "energi og kraft",
    "kultur og formidling",
    "økonomi og regnskap",
    "havbruk og fiske",
    "offentlig forvaltning",
    "eiendom og drift",
    "laboratoriearbeid",
    "medier og kommunikasjon",
    "sikkerhet og beredskap",
]
VERBS = [
    "planlegge",
    "kontrollere",
    "dokumentere",
    "vedlikeholde",
    "montere",
    "veilede",
    "rapportere om",
    "bestille",
    "analysere",
    "reparere",
    "måle",
    "teste",
    "registrere",
    "beregne",
    "koordinere",
    "tegne",
    "programmere",
    "justere",
    "klargjøre",
    "følge opp",
    "sortere",
    "kvalitetssikre",
    "feilsøke",
    "rengjøre",
]
OBJECTS = [
    "utstyr",
    "materialer",
    "arbeidsplaner",
    "målinger",
    "leveranser",
    "tegninger",
    "datasystemer",
    "prøver",
    "maskiner",
    "rutiner",
    "avvik",
    "bestillinger",
    "måledata",
    "tekniske anlegg",
    "varelager",
    "sikkerhetsutstyr",
    "kundehenvendelser",
    "journaler",
    "budsjetter",
    "reservedeler",
    "arbeidsordrer",
    "prosjektplaner",
    "kontrollskjemaer",
    "produkter",
]
MANNERS = [
    "etter gjeldende forskrifter",
    "sammen med kolleger",
    "i tråd med bedriftens rutiner",
    "med digitale verktøy",
    "på egen hånd",
    "i samarbeid med ledelsen",
    "ute hos kunden",
    "i verkstedet",
    "på kontoret",
    "i skift med andre",
    "etter avtale med oppdragsgiver",
    "med hensyn til helse, miljø og sikkerhet",
]
WORKPLACES = [
    "verksteder",
    "sykehus",
    "kommuner",
    "private bedrifter",
    "byggeplasser",
    "kontorer",
    "butikker",
    "laboratorier",
    "skoler",
    "hoteller",
    "fabrikker",
    "havner",
    "konsulentselskaper",
    "statlige etater",
    "gårdsbruk",
    "kraftverk",
]
TRAITS = [
    "nøyaktig",
    "tålmodig",
    "praktisk anlagt",
    "serviceinnstilt",
    "strukturert",
    "kreativ",
    "i god fysisk form",
    "flink til å samarbeide",
    "løsningsorientert",
    "god til å formidle",
    "selvstendig",
    "fleksibel",
    "interessert i teknikk",
    "trygg i møte med mennesker",
    "ansvarsbevisst",
    "nysgjerrig",
]
TOPICS = [
    "materialer og verktøy",
    "regelverk og standarder",
    "kvalitetssystemer",
    "digitale fagsystemer",
    "kundebehandling",
    "helse, miljø og sikkerhet",
    "matematikk og måling",
    "planlegging og logistikk",
    "språk og kommunikasjon",
    "økonomi",
    "naturfag",
    "tegning og dokumentasjon",
]
ROUTES = [
    "videregående opplæring med læretid i bedrift",
    "fagskole",
    "en bachelorgrad fra høyskole eller universitet",
    "en mastergrad",
    "videregående opplæring og kurs i arbeidslivet",
    "opplæring på arbeidsplassen",
]


def _sentences(rng, title, plural):
    """One sentence at a time, from templates filled with the occupation's own picks."""
    area = rng.choice(AREAS)
    templates = [
        lambda: (
            f"{title} arbeider innen {area} og har ansvar for {rng.choice(OBJECTS)} og "
            f"{rng.choice(OBJECTS)}."
        ),
        lambda: (
            f"Arbeidsdagen består ofte i å {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(MANNERS)}, og å {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
        ),
        lambda: (
            f"Mange {plural} jobber i {rng.choice(WORKPLACES)} eller "
            f"{rng.choice(WORKPLACES)}, og noen reiser mye i jobben."
        ),
        lambda: f"Yrket krever kunnskap om {rng.choice(TOPICS)} og {rng.choice(TOPICS)}.",
        lambda: f"Det er vanlig å {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(MANNERS)}.",
        lambda: (
            f"I travle perioder må {plural} {rng.choice(VERBS)} {rng.choice(OBJECTS)} raskt "
            f"og likevel grundig."
        ),
        lambda: f"Fagområdet endrer seg, og {plural} holder seg oppdatert på {rng.choice(TOPICS)}.",
        lambda: (
            f"En del av jobben er å {rng.choice(VERBS)} {rng.choice(OBJECTS)} og si fra om "
            f"{rng.choice(OBJECTS)} som ikke er i orden."
        ),
        lambda: (
            f"Noen {plural} får etter hvert ansvar for å {rng.choice(VERBS)} "
            f"{rng.choice(OBJECTS)} for andre."
        ),
    ]
    while True:  # each template once before any comes again, as a writer varies them
        rng.shuffle(templates)
        for template in templates:
            yield template()


def occupation_texts(number, *, title, plural):
    """The texts of synthetic occupation `number`: a dict of Occupation fields (Markdown where
    the field is) and `duties`, a list of its work tasks."""
    rng = random.Random(f"occupation-{number}")
    sentences = _sentences(rng, title, plural)
    paragraphs = [
        " ".join(next(sentences) for _ in range(rng.randint(4, 6)))
        for _ in range(rng.randint(3, 5))
    ]
    duties = {
        f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(MANNERS)}"
        for _ in range(rng.randint(6, 10))
    }
    traits = rng.sample(TRAITS, rng.randint(3, 5))
    route, other_route = rng.sample(ROUTES, 2)
    return {
        "lead": next(sentences),
        "description": "\n\n".join(paragraphs),
        "duties_intro": f"Vanlige oppgaver for {plural}:",
        "duties": sorted(duties),
        "workplaces_text": (
            f"{plural.capitalize()} jobber i {rng.choice(WORKPLACES)}, "
            f"{rng.choice(WORKPLACES)} og {rng.choice(WORKPLACES)}. {next(sentences)}"
        ),
        "personal_traits": "For å trives i yrket bør du være\n\n"
        + "\n".join(f"- {trait}" for trait in traits),
        "education_text": (
            f"Veien inn i yrket går som regel gjennom {route}. Noen kommer inn etter "
            f"{other_route}. {next(sentences)}"
        ),
    }
