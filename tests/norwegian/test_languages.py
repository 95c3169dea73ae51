"""The user interface in bokmål, nynorsk and English; editors' content stays bokmål."""

import re
from datetime import date

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from norwegian.templatetags.languages import path_in_language
from norwegian.templatetags.norwegian import kroner


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("language", "skip_link", "index_link"),
    [
        ("nb", "Hopp til hovedinnholdet", "Yrker A–Å"),
        ("nn", "Hopp til hovudinnhaldet", "Yrke A–Å"),
        ("en", "Skip to main content", "Occupations A–Å"),
    ],
)
def test_each_translation_loads(language, skip_link, index_link):
    with translation.override(language):
        assert translation.gettext("Hopp til hovedinnholdet") == skip_link
        assert translation.gettext("Yrker A–Å") == index_link
        assert (
            translation.ngettext("%(counter)s bedrift", "%(counter)s bedrifter", 2) % {"counter": 2}
            == {"nb": "2 bedrifter", "nn": "2 bedrifter", "en": "2 businesses"}[language]
        )


@pytest.mark.parametrize(
    ("prefix", "language", "skip_link", "heading"),
    [
        ("", "nb", "Hopp til hovedinnholdet", "Yrker fra A til Å"),
        ("/nn", "nn", "Hopp til hovudinnhaldet", "Yrke frå A til Å"),
        ("/en", "en", "Skip to main content", "Occupations from A to Å"),
    ],
)
def test_pages_in_each_language(client, demo_content, prefix, language, skip_link, heading):
    response = client.get(f"{prefix}/yrker/")
    html = response.content.decode()

    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert skip_link in html
    assert f"<h1>{heading}</h1>" in html


def test_bokmal_has_no_prefix_and_reverse_follows_the_active_language():
    assert reverse("occupations:index") == "/yrker/"
    with translation.override("nn"):
        assert reverse("occupations:index") == "/nn/yrker/"
    with translation.override("en"):
        assert reverse("employers:search") == "/en/bedrifter/"


def test_the_browser_language_does_not_change_an_unprefixed_page(client, demo_content):
    """Each address has one language, so a shared link and a cached page show the same."""
    response = client.get("/yrker/", headers={"accept-language": "en"})
    assert '<html lang="nb">' in response.content.decode()


def test_switcher_links_to_the_same_page_and_query_in_each_language(client, demo_content):
    html = client.get("/nn/yrker/tannhelsesekretaer/?fylke=46").content.decode()
    switcher = re.search(r'<nav class="languages".*?</nav>', html, re.S).group()

    assert 'aria-label="Språk"' in switcher
    assert re.search(r'href="/yrker/tannhelsesekretaer/\?fylke=46" hreflang="nb"', switcher)
    assert re.search(r'href="/en/yrker/tannhelsesekretaer/\?fylke=46" hreflang="en"', switcher)
    assert re.search(r'hreflang="nn" lang="nn" aria-current="true">Nynorsk<', switcher)
    for markup in ("<form", "<script", "style="):
        assert markup not in switcher
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/yrker/' in html


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/", "nn", "/nn/"),
        ("/en/", "nb", "/"),
        ("/en", "nn", "/nn/"),
        ("/nn/bedrifter/?fylke=46&side=2", "en", "/en/bedrifter/?fylke=46&side=2"),
        ("/english-teacher/", "en", "/en/english-teacher/"),
    ],
)
def test_path_in_language(path, language, expected):
    assert path_in_language(path, language) == expected


def test_404_page_in_each_language(client, demo_content):
    response = client.get("/en/yrker/finnes-ikke/")
    assert response.status_code == 404
    assert "We could not find the page" in response.content.decode()
    assert '<html lang="en">' in response.content.decode()


def test_editors_content_stays_bokmal_and_is_marked_so(client, reference_occupation):
    html = client.get("/en/yrker/tannhelsesekretaer/").content.decode()

    assert '<h1 lang="nb">Tannhelsesekretær</h1>' in html
    assert re.search(r'<p class="lead" lang="nb">[^<]*tannlege', html, re.I)
    assert "Personal qualities" in html or "Education" in html
    # In bokmål nothing needs marking.
    nb_html = client.get("/yrker/tannhelsesekretaer/").content.decode()
    # Only the page itself and the switcher's own link say lang="nb".
    assert len(re.findall(r'\slang="nb"', nb_html)) == 2


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "Sist kvalitetssikret den 25. august 2020, av Tannhelsesekretærenes Forbund"),
        ("nn", "Sist kvalitetssikra 25. august 2020, av Tannhelsesekretærenes Forbund"),
        ("en", "Last quality-assured on Aug. 25, 2020 by Tannhelsesekretærenes Forbund"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(
    client, reference_occupation, language, expected
):
    prefix = "" if language == "nb" else f"/{language}"
    html = client.get(f"{prefix}/yrker/tannhelsesekretaer/").content.decode()
    assert expected in text_of(html)


@pytest.mark.parametrize(
    ("language", "number", "amount", "day"),
    [
        ("nb", "1\xa0234\xa0567", "48\xa0760\xa0kr", "25. august 2020"),
        ("nn", "1\xa0234\xa0567", "48\xa0760\xa0kr", "25. august 2020"),
        ("en", "1,234,567", "48,760\xa0kr", "Aug. 25, 2020"),
    ],
)
def test_numbers_and_dates_per_locale(language, number, amount, day):
    template = Template('{{ number }}|{{ day|date:"DATE_FORMAT" }}')
    request = RequestFactory().get("/")
    with translation.override(language):
        rendered = template.render(
            Context({"number": 1234567, "day": date(2020, 8, 25), "request": request})
        )
        assert rendered == f"{number}|{day}"
        assert kroner(48760) == amount


def po_msgids(path):
    """The msgids of a .po file (header and obsolete entries left out)."""
    msgids, current, reading = set(), None, False
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            current, reading = [line[6:]], True
        elif reading and line.startswith('"'):
            current.append(line)
        else:
            if reading:
                text = "".join(piece.strip()[1:-1] for piece in current)
                msgids.add(text.encode().decode("unicode_escape").encode("latin-1").decode())
            reading = False
    return msgids - {""}


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_string_is_translated_and_compiled(settings, language):
    """Each msgid in the .po has a translation in the committed .mo: nothing left untranslated
    (msgfmt leaves empty and fuzzy entries out) and no .po edited without `make messages`."""
    import gettext

    folder = settings.BASE_DIR / "locale" / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    compiled = {key if isinstance(key, str) else key[0] for key in catalog} - {""}
    missing = po_msgids(folder / "django.po") - compiled
    assert not missing, f"untranslated or not compiled in {language}: {sorted(missing)[:20]}"


@pytest.mark.parametrize("path", ["/yrker/", "/nn/yrker/", "/en/bedrifter/"])
def test_pages_do_not_vary_by_the_browser_language(client, demo_content, path):
    """The address decides the language, so caches keep one copy per address."""
    response = client.get(path, headers={"accept-language": "en"})
    assert "accept-language" not in response.headers.get("Vary", "").lower()
    assert response.headers["Content-Language"] == (
        path.split("/")[1] if path[1:3] in {"nn", "en"} else "nb"
    )


@pytest.mark.django_db
def test_the_admin_speaks_bokmal_where_djangos_catalogue_has_a_gap(editor_client):
    response = editor_client.post(reverse("admin:occupations_revieworganisation_add"), {})

    assert response.status_code == 200
    assert "Rett feilen nedenfor." in response.content.decode()
    assert "Please correct" not in response.content.decode()
