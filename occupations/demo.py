"""Demo content for a new installation: occupations written by the team, in fixtures/demo/.

It is loaded only into a database without occupations, so running it again never touches
what editors have written since.
"""

import datetime
import json
from pathlib import Path

from django.core.files import File
from django.db import transaction

from changes.record import changes_record
from classifications.models import JobTitle, StyrkGroup, Trade
from occupations.images import image_renditions_create
from occupations.models import (
    AlternativeTitle,
    Duty,
    Education,
    Occupation,
    OccupationEducation,
    QualityReview,
    ReviewOrganisation,
    Workplace,
)
from occupations.services import occupation_publish
from registers.importing import ImportFailed


def _lookup(model, field, codes, what):
    found = model.objects.in_bulk(codes, field_name=field)
    missing = sorted(set(codes) - set(found))
    if missing:
        raise ImportFailed(f"Ukjent {what}: {', '.join(missing)}. Last klassifikasjonene først.")
    return [found[code] for code in codes]


def _create_occupation(entry, *, images, educations, organisations):
    occupation = Occupation(
        title=entry["title"],
        title_plural=entry["title_plural"],
        slug=entry["slug"],
        lead=entry["lead"],
        description=entry.get("description", ""),
        duties_intro=entry.get("duties_intro", ""),
        delegated_tasks=entry.get("delegated_tasks", ""),
        workplaces_text=entry.get("workplaces_text", ""),
        personal_traits=entry.get("personal_traits", ""),
        education_text=entry.get("education_text", ""),
    )
    authorisation = entry.get("authorisation") or {}
    occupation.authorisation_required = authorisation.get("required", False)
    occupation.authorisation_authority = authorisation.get("authority", "")
    occupation.authorisation_text = authorisation.get("text", "")
    if image := entry.get("image"):
        occupation.image_alt = image["alt"]
        occupation.image_caption = image.get("caption", "")
        occupation.image_credit = image.get("credit", "")
        with (images / image["file"]).open("rb") as handle:
            occupation.image.save(image["file"], File(handle), save=False)
    occupation.full_clean(exclude=["image"])
    occupation.save()
    if occupation.image:
        image_renditions_create(field_file=occupation.image)

    AlternativeTitle.objects.bulk_create(
        AlternativeTitle(occupation=occupation, title=title)
        for title in entry.get("alternative_titles", [])
    )
    Duty.objects.bulk_create(
        Duty(occupation=occupation, text=text, position=position)
        for position, text in enumerate(entry.get("duties", []), start=1)
    )
    Workplace.objects.bulk_create(
        Workplace(occupation=occupation, name=name, position=position)
        for position, name in enumerate(entry.get("workplaces", []), start=1)
    )
    OccupationEducation.objects.bulk_create(
        OccupationEducation(occupation=occupation, education=educations[key], position=position)
        for position, key in enumerate(entry.get("educations", []), start=1)
    )
    QualityReview.objects.bulk_create(
        QualityReview(
            occupation=occupation,
            organisation=organisations[review["organisation"]],
            reviewed_on=datetime.date.fromisoformat(review["date"]),
            note=review.get("note", ""),
        )
        for review in entry.get("reviews", [])
    )
    occupation.job_titles.set(
        _lookup(JobTitle, "code", entry.get("job_titles", []), "stillingstittel")
    )
    occupation.styrk_groups.set(
        _lookup(StyrkGroup, "code", entry.get("styrk08", []), "STYRK-08-kode")
    )
    occupation.trades.set(_lookup(Trade, "name", entry.get("trades", []), "lærefag"))
    if entry.get("status") == Occupation.Status.PUBLISHED:
        occupation_publish(occupation=occupation)
    return occupation


def demo_content_load(*, path):
    """Create the demo occupations in `path` (a JSON file) if there are no occupations yet.

    Returns the number of occupations created: 0 when the database already had some.
    """
    path = Path(path)
    if Occupation.objects.exists():
        return 0
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportFailed(f"Kan ikke lese {path}: {exc}") from exc

    with transaction.atomic():
        organisations = {
            entry["name"]: ReviewOrganisation.objects.get_or_create(name=entry["name"])[0]
            for entry in data.get("review_organisations", [])
        }
        educations = {}
        for entry in data.get("educations", []):
            fields = {key: value for key, value in entry.items() if key != "key"}
            education = Education(**fields)
            education.full_clean()
            education.save()
            educations[entry["key"]] = education
        occupations = [
            _create_occupation(
                entry,
                images=path.parent / "images",
                educations=educations,
                organisations=organisations,
            )
            for entry in data["occupations"]
        ]
        changes_record(models=[Occupation, Education, ReviewOrganisation])
    return len(occupations)
