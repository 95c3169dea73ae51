"""Whose data each field of the API is, and on what terms: the site's own text under NLOD 2.0,
each register's under its own terms. Every response names the ones its fields come from."""

from dataclasses import dataclass

NLOD = ("NLOD 2.0", "https://data.norge.no/nlod/no/2.0")
CC_BY = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


@dataclass(frozen=True)
class Source:
    key: str
    holder: str
    licence: str | None
    licence_url: str | None
    terms: str

    def describe(self, fields):
        return {
            "source": self.key,
            "holder": self.holder,
            "licence": self.licence,
            "licence_url": self.licence_url,
            "terms": self.terms,
            "fields": list(fields),
        }


SOURCES = {
    source.key: source
    for source in [
        Source(
            "yrke",
            "yrke (nettstedets redaksjon)",
            *NLOD,
            "Nettstedets egne tekster: fritt til gjenbruk med kreditering, "
            "norsk lisens for offentlige data.",
        ),
        Source(
            "ssb",
            "Statistisk sentralbyrå (SSB)",
            *CC_BY,
            "STYRK-08, fylker og kommuner (KLASS) og statistikk: kreditér SSB.",
        ),
        Source(
            "enhetsregisteret",
            "Brønnøysundregistrene, Enhetsregisteret",
            *NLOD,
            "Navn, adresse og organisasjonsnummer: kreditér Brønnøysundregistrene.",
        ),
        Source(
            "bring",
            "Posten Bring, Postnummerregisteret",
            *NLOD,
            "Poststeder: kreditér Posten Bring.",
        ),
        Source(
            "aa-registeret",
            "NAV, Aa-registeret og stillingstitler",
            None,
            None,
            "Registereierens egne vilkår; NAV oppgir ingen åpen lisens for disse tallene. "
            "Kreditér NAV.",
        ),
        Source(
            "nav-yrkeskategorier",
            "NAV, arbeidsplassen.no (yrkeskategorier)",
            "MIT",
            "https://opensource.org/license/mit",
            "NAVs inndeling av STYRK-08-yrkesgrupper i områder og felt: kreditér NAV, "
            "arbeidsplassen.no.",
        ),
        Source(
            "vigo",
            "Vigo IKS (fylkeskommunene)",
            None,
            None,
            "Registereierens egne vilkår etter fylkenes driftsavtale med Vigo; ingen åpen "
            "lisens oppgitt. Kreditér Vigo.",
        ),
    ]
}


def licences(**fields_by_source):
    """[{source, holder, licence, licence_url, terms, fields}] for `source=[field, …]`;
    keyword names use underscores for the hyphens in the source keys (aa_registeret)."""
    return [
        SOURCES[key.replace("_", "-")].describe(fields) for key, fields in fields_by_source.items()
    ]


def source_terms(key):
    """A register's terms; one added later without terms here is named, with none claimed."""
    return SOURCES.get(key) or Source(key, key, None, None, "Se kildens egne vilkår.")
