"""Every public page type, for the checks that hold on all of them (axe-core, vnu).

The data behind them is the `site_content` fixture (tests/conftest.py). Paths are bokmål (no
language prefix); the checks add /nn/ and /en/ where they test languages.
The search page (/sok/) is listed before it exists: its checks skip while it answers 404.
"""

PAGES = {
    "home": "/",
    "index": "/yrker/",
    "occupation": "/yrker/tannhelsesekretaer/",
    "occupation-county": "/yrker/tannhelsesekretaer/?fylke=46#bedrifter",
    "occupation-municipality": "/yrker/tannhelsesekretaer/?fylke=46&kommune=4601#bedrifter",
    "occupation-apprenticeships": "/yrker/tannhelsesekretaer/?laerebedrift=on#bedrifter",
    "occupation-form-error": "/yrker/tannhelsesekretaer/?fylke=77#bedrifter",
    "fields": "/yrker/omrader/",
    "field-area": "/yrker/omrader/helse-og-sosial/",
    "field": "/yrker/omrader/tannhelse-pleie/",
    "employers": "/bedrifter/",
    "employers-filtered": "/bedrifter/?fylke=46&yrke=tannhelsesekretaer&sorter=navn",
    "employers-apprenticeships": "/bedrifter/?laerebedrift=on&nedlagte=on",
    "employers-occupation-apprenticeships": "/bedrifter/?yrke=elektriker&laerebedrift=on",
    "employers-error": "/bedrifter/?fylke=77&kommune=12",
    "employer": None,  # the first demo employer with employment, found at run time
    "404": "/yrker/finnes-ikke/",
    "compare": "/yrker/sammenlign/?yrker=tannhelsesekretaer,tannpleier,helsefagarbeider",
    "compare-county": (
        "/yrker/sammenlign/?yrker=tannhelsesekretaer,tannpleier,helsefagarbeider,elektriker"
        "&fylke=46"
    ),
    "compare-one": "/yrker/sammenlign/?yrker=tannpleier",
    "compare-error": "/yrker/sammenlign/?yrker=tannpleier,finnes-ikke&fylke=77",
    "shortlist": "/mine-yrker/",
    "api-docs": "/api/",
}
SEARCH_PAGES = {
    "search-hits": "/sok/?q=tannhelse",
    "search-place": "/sok/?q=tannhelsesekret%C3%A6r+bergen",
    "search-no-hits": "/sok/?q=qqxyzzy",
    "search-suggestion": "/sok/?q=tannhelsesekretr",
    "search-error": "/sok/?q=" + "x" * 201,
    "search-empty": "/sok/",
}


def page_path(name):
    if name in SEARCH_PAGES:
        return SEARCH_PAGES[name]
    if name == "employer":
        from employers.models import Employer

        return Employer.objects.filter(employment__isnull=False).first().get_absolute_url()
    return PAGES[name]
