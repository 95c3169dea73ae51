"""Every write the admin offers on occupations and what their pages link to reaches every public
page that shows it, through the page cache: the occupation page, the A–Å index, /sok/, the
employer pages and /bedrifter/. Each test is marked with the admin writes it covers
(test_registry.py checks that every write has one)."""

import pytest

from classifications.models import FieldOfWork, StyrkGroup
from occupations.models import (
    Education,
    Occupation,
    QualityReview,
    ReviewOrganisation,
    SlugRedirect,
)
from tests.derived.conftest import inline_add, inline_index

pytestmark = pytest.mark.django_db

INDEX, HOME = "/yrker/", "/"


@pytest.mark.writes(
    ("occupations.occupation", "change"),
    ("occupations.alternativetitle", "add"),
    ("occupations.duty", "add"),
    ("occupations.workplace", "add"),
    ("occupations.occupationeducation", "add"),
)
def test_an_edited_page_reaches_every_page_once_published(site, admin, visitor):
    reference, employer = site["reference"], site["employer"]
    page, employers = reference.get_absolute_url(), "/bedrifter/?yrke=tannhelsesekretaer"
    visitor.warm(page, INDEX, HOME, employer.get_absolute_url(), employers)
    draft = admin.working_draft(reference)
    url, data = admin.form(draft)
    data.update(title="Tannklinikksekretær", title_plural="tannklinikksekretærer")
    inline_add(data, "alternative_titles", title="tannhelsemedarbeider")
    inline_add(data, "duties", text="føre journal over kjeveortopediske avtrykk", position=20)
    inline_add(data, "workplaces", name="Kjeveortopediske klinikker", position=20)
    nursing = Education.objects.get(name="Bachelor i sykepleie")
    inline_add(data, "programmes", education=nursing.pk, position=20)
    admin.post(url, data)

    visitor.misses(page, "Tannklinikksekretær")  # a draft: the public page is unchanged
    admin.publish(draft)

    visitor.sees(
        page,
        "<h1>Tannklinikksekretær</h1>",
        "tannhelsemedarbeider",
        "føre journal over kjeveortopediske avtrykk",
        "Kjeveortopediske klinikker",
        "Bachelor i sykepleie",
    )
    visitor.sees(INDEX, "Tannklinikksekretær")
    visitor.misses(INDEX, ">Tannhelsesekretær<")
    visitor.sees(HOME, "Tannklinikksekretær")
    visitor.sees(employer.get_absolute_url(), "Tannklinikksekretær")
    visitor.sees(employers, "Tannklinikksekretær")
    for query in ["tannklinikksekretær", "tannhelsemedarbeider", "kjeveortopediske"]:
        assert visitor.search(query)[:1] == [page], query


@pytest.mark.writes(
    ("occupations.alternativetitle", "change"),
    ("occupations.alternativetitle", "delete"),
    ("occupations.duty", "change"),
    ("occupations.duty", "delete"),
    ("occupations.workplace", "change"),
    ("occupations.workplace", "delete"),
    ("occupations.occupationeducation", "change"),
    ("occupations.occupationeducation", "delete"),
)
def test_changed_and_removed_list_items_reach_the_page_and_search(site, admin, visitor):
    page = "/yrker/helsefagarbeider/"
    occupation = Occupation.objects.get(slug="helsefagarbeider")
    duty, other_duty = occupation.duties.all()[:2]
    workplace = occupation.workplaces.first()
    alternative = occupation.alternative_titles.first()
    programme = occupation.programmes.select_related("education").first()
    visitor.warm(page, INDEX)
    assert visitor.search(alternative.title)[:1] == [page]
    draft = admin.working_draft(occupation)
    url, data = admin.form(draft)
    data[f"duties-{inline_index(data, 'duties', 'text', duty.text)}-text"] = "stelle sår"
    data[f"duties-{inline_index(data, 'duties', 'text', other_duty.text)}-DELETE"] = "on"
    index = inline_index(data, "workplaces", "name", workplace.name)
    data[f"workplaces-{index}-name"] = "Ambulerende hjemmetjeneste"
    data["alternative_titles-0-DELETE"] = "on"
    index = inline_index(data, "programmes", "education", programme.education_id)
    data[f"programmes-{index}-education"] = Education.objects.get(name="Medisin").pk
    admin.post(url, data)
    admin.publish(draft)

    visitor.sees(page, "stelle sår", "Ambulerende hjemmetjeneste", "Medisin")
    visitor.misses(page, duty.text, other_duty.text, workplace.name, programme.education.name)
    assert page not in visitor.search(alternative.title)
    assert visitor.search("stelle sår")[:1] == [page]

    draft = admin.working_draft(Occupation.objects.get(slug="helsefagarbeider"))
    url, data = admin.form(draft)
    for index in range(int(data["programmes-INITIAL_FORMS"])):
        data[f"programmes-{index}-DELETE"] = "on"
    admin.post(url, data)
    admin.publish(draft)
    visitor.misses(page, "Medisin")


@pytest.mark.writes(("occupations.occupation", "add"), ("occupations.occupation", "action:publish"))
def test_a_new_occupation_reaches_the_index_home_and_search(site, admin, visitor):
    visitor.warm(INDEX, HOME)
    url, data = admin.form(Occupation)
    data.update(title="Brønnborer", title_plural="brønnborere", slug="", lead="Borer brønner.")
    admin.post(url, data)
    new = Occupation.all_objects.get(title="Brønnborer")
    visitor.misses(INDEX, "Brønnborer")

    admin.post(
        "/admin/occupations/occupation/",
        {"action": "publish", "_selected_action": [new.pk]},
    )

    visitor.sees(new.get_absolute_url(), "Borer brønner.")
    visitor.sees(INDEX, "Brønnborer")
    visitor.sees(HOME, "Borer brønner.")
    assert visitor.search("brønnborer") == [new.get_absolute_url()]


@pytest.mark.writes(("occupations.occupation", "change"))
def test_new_job_titles_bring_their_employers_to_the_page(site, admin, visitor):
    """An occupation's codes decide its employers (the read model follows)."""
    page, employer = "/yrker/tannpleier/", site["employer"]
    title = site["employment"].job_title
    visitor.warm(page, employer.get_absolute_url(), "/bedrifter/?yrke=tannpleier")
    visitor.misses(page, employer.name)
    draft = admin.working_draft(Occupation.objects.get(slug="tannpleier"))
    url, data = admin.form(draft)
    admin.post(url, {**data, "job_titles": [title.pk]})
    admin.publish(draft)

    visitor.sees(page, employer.name, f"{title.code} - {title.name}")
    visitor.sees(employer.get_absolute_url(), "Tannpleier")
    visitor.sees("/bedrifter/?yrke=tannpleier", employer.name)


@pytest.mark.writes(
    ("occupations.occupation", "delete"), ("occupations.occupation", "action:unpublish")
)
def test_an_unpublished_or_deleted_occupation_leaves_every_page(site, admin, visitor):
    reference, employer = site["reference"], site["employer"]
    page = reference.get_absolute_url()
    visitor.warm(page, INDEX, HOME, employer.get_absolute_url())
    admin.post(
        "/admin/occupations/occupation/",
        {"action": "unpublish", "_selected_action": [reference.pk]},
    )
    visitor.get(page, status=404)
    visitor.misses(INDEX, "Tannhelsesekretær")
    visitor.misses(employer.get_absolute_url(), "Tannhelsesekretær")
    assert page not in visitor.search("tannhelsesekretær")

    kokk = Occupation.objects.get(slug="kokk")
    visitor.warm(kokk.get_absolute_url(), INDEX)
    admin.delete(kokk)
    visitor.get(kokk.get_absolute_url(), status=404)
    visitor.misses(INDEX, ">Kokk<")
    assert kokk.get_absolute_url() not in visitor.search("kokk")


@pytest.mark.writes(
    ("occupations.qualityreview", "add"),
    ("occupations.qualityreview", "change"),
    ("occupations.qualityreview", "delete"),
    ("occupations.revieworganisation", "add"),
    ("occupations.revieworganisation", "change"),
    ("occupations.revieworganisation", "delete"),
)
def test_reviews_and_their_organisations_reach_the_stamp(site, admin, visitor):
    page = "/yrker/tannpleier/"
    visitor.warm(page)
    admin.add(ReviewOrganisation, name="Tannpleierforbundet (fiktivt)")
    organisation = ReviewOrganisation.objects.get(name="Tannpleierforbundet (fiktivt)")
    occupation = Occupation.objects.get(slug="tannpleier")
    admin.add(
        QualityReview,
        occupation=occupation.pk,
        organisation=organisation.pk,
        reviewed_on="2026-03-02",
    )
    visitor.sees(page, "Sist kvalitetssikret den 2. mars 2026, av Tannpleierforbundet (fiktivt)")

    admin.change(organisation, name="Norsk Tannpleierforening (fiktivt)")
    visitor.sees(page, "av Norsk Tannpleierforening (fiktivt)")
    review = QualityReview.objects.get(occupation=occupation)
    admin.change(review, reviewed_on="2026-04-01")
    visitor.sees(page, "Sist kvalitetssikret den 1. april 2026")
    admin.delete(review)
    visitor.misses(page, "Sist kvalitetssikret")
    admin.delete(organisation)  # no review left: nothing on any page
    assert not ReviewOrganisation.objects.filter(pk=organisation.pk).exists()


@pytest.mark.writes(
    ("occupations.slugredirect", "add"),
    ("occupations.slugredirect", "change"),
    ("occupations.slugredirect", "delete"),
)
def test_redirects_reach_visitors_at_the_old_address(site, admin, visitor):
    old = "/yrker/tannsekretaer/"
    visitor.get(old, status=404)
    admin.add(SlugRedirect, old_slug="tannsekretaer", occupation=site["reference"].pk)
    assert visitor.client.get(old)["Location"] == site["reference"].get_absolute_url()
    redirect = SlugRedirect.objects.get(old_slug="tannsekretaer")
    admin.change(redirect, occupation=Occupation.objects.get(slug="tannpleier").pk)
    assert visitor.client.get(old)["Location"] == "/yrker/tannpleier/"
    admin.delete(redirect)
    visitor.get(old, status=404)


@pytest.mark.writes(
    ("occupations.education", "add"),
    ("occupations.education", "change"),
    ("occupations.education", "delete"),
    ("occupations.graduateoutcome", "add"),
    ("occupations.graduateoutcome", "change"),
    ("occupations.graduateoutcome", "delete"),
)
def test_educations_and_what_graduates_work_as_reach_the_page(site, admin, visitor):
    page = site["reference"].get_absolute_url()
    education = Education.objects.get(nus_code="464201")
    code_search = "/sok/?q=464201"
    visitor.warm(page, code_search)
    group = StyrkGroup.objects.get(code="3256")
    url, data = admin.form(education)
    data["name"] = "Tannhelsesekretærfaget"
    inline_add(data, "outcomes", styrk_group=group.pk, share_percent="41.5", year=2019)
    admin.post(url, data)
    visitor.sees(page, "Tannhelsesekretærfaget", f"{group.name}</th><td>41,5 %")
    visitor.sees(code_search, "<mark>464201</mark> – Tannhelsesekretærfaget")  # its NUS code

    url, data = admin.form(education)
    data["outcomes-0-share_percent"] = "38.0"
    admin.post(url, data)
    visitor.sees(page, "38,0 %")
    url, data = admin.form(education)
    admin.post(url, {**data, "outcomes-0-DELETE": "on"})
    visitor.misses(page, "38,0 %")

    admin.add(Education, name="Fagskole i klinikkarbeid", level="fagskole")
    added = Education.objects.get(name="Fagskole i klinikkarbeid")
    assert "Fagskole i klinikkarbeid" not in visitor.get(page)  # linked to no occupation
    admin.delete(added)
    assert not Education.objects.filter(pk=added.pk).exists()


@pytest.mark.writes(("occupations.occupation", "change"))
def test_fields_an_editor_adds_or_removes_reach_the_field_pages(site, admin, visitor):
    reference = site["reference"]
    page, dental, secretaries = (
        reference.get_absolute_url(),
        "/yrker/omrader/tannhelse-pleie/",
        "/yrker/omrader/helsesekretaer/",
    )
    visitor.warm(page, dental, secretaries, "/yrker/omrader/")
    visitor.sees(secretaries, ">Tannhelsesekretær<")
    draft = admin.working_draft(reference)
    url, data = admin.form(draft)
    added = FieldOfWork.objects.get(slug="tannhelse-pleie").pk
    removed = FieldOfWork.objects.get(slug="helsesekretaer").pk
    admin.post(url, {**data, "fields_added": [added], "fields_removed": [removed]})
    visitor.misses(dental, ">Tannhelsesekretær<")  # a draft: the public pages are unchanged
    admin.publish(draft)

    visitor.sees(dental, ">Tannhelsesekretær<")
    visitor.misses(secretaries, ">Tannhelsesekretær<")
    visitor.sees(page, ">Tannhelse/-pleie</a>")
    visitor.misses(page, secretaries)
    visitor.misses("/yrker/omrader/", ">Helsesekretær</a>")
