"""The related occupations follow every write they are computed from: the editors' pins and
hides, an occupation's codes, and the employers (through the employer read model)."""

import pytest

from classifications.models import JobTitle
from employers.models import OccupationEmployer
from occupations.models import Occupation
from related.models import RelatedChoice

pytestmark = pytest.mark.django_db

SECTION = 'id="relaterte-yrker"'


def related_section(visitor, url):
    html = visitor.get(url)
    section = html.split(SECTION, 1)[1].split("</section>", 1)[0] if SECTION in html else ""
    return " ".join(section.split())


@pytest.mark.writes(
    ("related.relatedchoice", "add"),
    ("related.relatedchoice", "change"),
    ("related.relatedchoice", "delete"),
)
def test_editors_pins_and_hides_reach_the_page(site, admin, visitor):
    reference = site["reference"]
    page = reference.get_absolute_url()
    visitor.warm(page)
    assert ">Tannpleier</a>" in related_section(visitor, page)
    dentist, hygienist = (Occupation.objects.get(slug=s) for s in ["tannlege", "tannpleier"])

    admin.add(
        RelatedChoice,
        occupation=reference.pk,
        related=dentist.pk,
        kind="pin",
        reason="Jobber tett sammen på klinikken",
    )
    section = related_section(visitor, page)
    assert section.index(">Tannlege</a>") < section.index(">Tannpleier</a>")
    assert "Jobber tett sammen på klinikken" in section

    pin = RelatedChoice.objects.get(related=dentist)
    admin.change(pin, reason="Tannlegen leder arbeidet")
    assert "Tannlegen leder arbeidet" in related_section(visitor, page)

    admin.add(RelatedChoice, occupation=reference.pk, related=hygienist.pk, kind="hide")
    assert ">Tannpleier</a>" not in related_section(visitor, page)

    admin.delete(pin)
    section = related_section(visitor, page)
    assert "Tannlegen leder arbeidet" not in section
    assert '>Tannlege</a> <p class="related__reason">samme område: <span>Helse og sosial' in section


@pytest.mark.writes(("occupations.occupation", "change"))
def test_an_occupation_s_new_codes_relate_it_both_ways(site, admin, visitor):
    reference, nurse = site["reference"], Occupation.objects.get(slug="sykepleier")
    visitor.warm(reference.get_absolute_url(), nurse.get_absolute_url())
    reason = '>Sykepleier</a> <p class="related__reason">samme yrkesgruppe: <span>Helsesekretærer'
    assert reason not in related_section(visitor, reference.get_absolute_url())
    draft = admin.working_draft(nurse)
    url, data = admin.form(draft)
    admin.post(url, {**data, "styrk_groups": [g.pk for g in reference.styrk_groups.all()]})
    admin.publish(draft)

    assert reason in related_section(visitor, reference.get_absolute_url())
    assert ">Tannhelsesekretær</a>" in related_section(visitor, nurse.get_absolute_url())


@pytest.mark.writes(("occupations.occupation", "change"))
def test_employers_in_common_follow_the_job_titles(site, admin, visitor):
    reference, nurse = site["reference"], Occupation.objects.get(slug="sykepleier")
    page = reference.get_absolute_url()
    visitor.warm(page)
    draft = admin.working_draft(nurse)
    url, data = admin.form(draft)
    title = JobTitle.objects.get(code="5134101")
    admin.post(url, {**data, "job_titles": [title.pk]})
    admin.publish(draft)

    rows = OccupationEmployer.objects.filter(employed__gt=0)
    secretaries = set(rows.filter(occupation=reference).values_list("employer", flat=True))
    nurses = set(rows.filter(occupation=nurse).values_list("employer", flat=True))
    shared, total = len(secretaries & nurses), len(secretaries)
    assert shared >= 3
    assert shared * 5 >= total
    assert (
        f"{shared} av {total} bedrifter med tannhelsesekretærer har også sykepleiere"
        in " ".join(related_section(visitor, page).split())
    )

    # Unpublished, it leaves the list; the list fills from the data again.
    admin.post(
        "/admin/occupations/occupation/", {"action": "unpublish", "_selected_action": [nurse.pk]}
    )
    assert ">Sykepleier</a>" not in related_section(visitor, page)
    assert ">Tannpleier</a>" in related_section(visitor, page)
