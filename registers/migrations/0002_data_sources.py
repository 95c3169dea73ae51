"""The registers the site shows data from, with the explanations from the reference page."""

from django.db import migrations

VIGO = """Informasjon om løpende lærekontrakter og godkjente lærebedrifter hentes fylkesvis fra Vigo. Alle landets fylker har inngått en driftsavtale med Vigo og Utdanning.no for å få denne informasjonen presentert våre nettsider.

Vi henter nye data fra Vigo og oppdaterer informasjonen om lærlinger og lærebedrifter hver natt."""

NAV = """Arbeidslivsinformasjon får vi fra Nav sitt Arbeidsgiver- og arbeidstakerregister (Aa-registeret).

Arbeidsgivere plikter å registrere sine ansatte i Aa-registeret, blant annet med riktig stillingstittel. Det er 9000 ulike stillingstitler (STYRK-koder) å velge mellom. Noen yrker har mange detaljerte og dels overlappende underkategorier, eksempelvis rørleggere, og andre yrker mangler en egen kategori, eksempelvis hematologer. Dette betyr at det alltid vil forekomme noen unøyaktigheter og feilregistreringer.

Vi har knyttet flest mulig av Nav sine 9000 stillingstitler opp mot 600 yrkesbeskrivelser på Utdanning.no. Dette er en manuell prosess og feil kan forekomme. Vi jobber kontinuerlig med å kvalitetssikre disse koblingene og tar gjerne imot innspill.

Noen stillingstitler fra Aa-registeret er koblet til mer enn én yrkesbeskrivelse. Stillingstittelen "Spesialarbeider (Snekker)" er for eksempel knyttet opp mot yrkene "Møbelsnekker", "Trevaresnekker" og "Industrisnekker". Om en legger sammen stillingstall for disse enkeltyrkene vil det samlede stillingstallet bli for høyt.

Vi innhenter nye data fra Aa-registeret og oppdaterer arbeidslivsinformasjonen slik at vi har nye data på morgenen den 13. i hver måned."""

BRREG = """Navn, adresser og næringskoder for bedriftene kommer fra Enhetsregisteret i Brønnøysundregistrene (norsk lisens for offentlige data, NLOD)."""

SSB = """Statistikk om hva de utdannede jobber som, og om lønn, kommer fra Statistisk sentralbyrå (SSB), CC BY 4.0."""

SOURCES = [
    ("vigo", "Vigo", VIGO),
    ("aa-registeret", "NAV", NAV),
    ("enhetsregisteret", "Enhetsregisteret", BRREG),
    ("ssb", "Statistisk sentralbyrå", SSB),
]


def create_sources(apps, schema_editor):
    DataSource = apps.get_model("registers", "DataSource")
    for key, name, explanation in SOURCES:
        DataSource.objects.get_or_create(key=key, defaults={"name": name, "explanation": explanation})


class Migration(migrations.Migration):
    dependencies = [("registers", "0001_initial")]

    operations = [migrations.RunPython(create_sources, migrations.RunPython.noop)]
