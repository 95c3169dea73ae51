"""Images uploaded in the admin: checked, re-encoded, stored with alt text, served in widths.

Uploads go to a draft (a published page is read-only in the admin; its working draft is edited).
"""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from occupations.images import rendition_name
from occupations.services import occupation_publish
from tests.admin_forms import admin_form_data
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo(*, width, height, image_format="JPEG", name="foto.jpg", exif=None, trailer=b""):
    buffer = io.BytesIO()
    mode = "RGBA" if image_format == "PNG" else "RGB"
    Image.new(mode, (width, height), "#4477aa").save(
        buffer, image_format, **({"exif": exif} if exif else {})
    )
    return SimpleUploadedFile(name, buffer.getvalue() + trailer)


def upload(client, occupation, file, alt="En tannhelsesekretær ved behandlingsstolen."):
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    data = admin_form_data(client.get(url))
    data.update(image=file, image_alt=alt)
    return client.post(url, data)


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "Kameraprodusent"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 54.0, 0.0)}  # GPSInfo
    return exif


def test_an_upload_is_reencoded_without_metadata_or_hidden_payload(editor_client, media):
    occupation = OccupationFactory(draft=True)
    file = photo(width=1600, height=900, exif=gps_exif(), trailer=b"<script>alert(1)</script>")

    response = upload(editor_client, occupation, file)

    assert response.status_code == 302, response.context["adminform"].form.errors
    occupation.refresh_from_db()
    stored = Path(occupation.image.path).read_bytes()
    assert b"<script>" not in stored
    assert b"Kameraprodusent" not in stored
    with Image.open(occupation.image.path) as image:
        assert image.format == "JPEG"
        assert image.size == (1600, 900)
        assert not image.getexif()
    assert (occupation.image_width, occupation.image_height) == (1600, 900)


def test_renditions_are_made_at_upload_and_offered_with_srcset(editor_client, client, media):
    occupation = OccupationFactory(draft=True)

    upload(editor_client, occupation, photo(width=1600, height=900))

    occupation.refresh_from_db()
    occupation_publish(occupation=occupation)
    for width in (480, 800, 1200):
        path = media / rendition_name(occupation.image.name, width)
        with Image.open(path) as image:
            assert image.format == "WEBP"
            assert image.size == (width, round(900 * width / 1600))
    html = client.get(occupation.get_absolute_url()).content.decode()
    base = f"/media/{occupation.image.name}"
    assert (
        f'srcset="/media/{rendition_name(occupation.image.name, 480)} 480w, '
        f"/media/{rendition_name(occupation.image.name, 800)} 800w, "
        f"/media/{rendition_name(occupation.image.name, 1200)} 1200w, "
        f'{base} 1600w"'
    ) in html
    assert 'sizes="(min-width: 64rem) 62rem, calc(100vw - 2rem)"' in html
    assert 'alt="En tannhelsesekretær ved behandlingsstolen."' in html
    assert client.get(f"/media/{rendition_name(occupation.image.name, 800)}").status_code == 200


def test_a_narrow_image_has_only_the_smaller_renditions(editor_client, client, media):
    occupation = OccupationFactory(draft=True)

    upload(editor_client, occupation, photo(width=700, height=400))

    occupation.refresh_from_db()
    occupation_publish(occupation=occupation)
    assert (media / rendition_name(occupation.image.name, 480)).exists()
    assert not (media / rendition_name(occupation.image.name, 800)).exists()
    html = client.get(occupation.get_absolute_url()).content.decode()
    assert " 480w, " in html
    assert "800w" not in html


def test_a_very_large_image_is_scaled_down_when_stored(editor_client, media):
    occupation = OccupationFactory(draft=True)

    upload(editor_client, occupation, photo(width=3000, height=1500))

    occupation.refresh_from_db()
    assert (occupation.image_width, occupation.image_height) == (2400, 1200)


def test_a_png_named_jpg_is_stored_as_what_it_is(editor_client, media):
    occupation = OccupationFactory(draft=True)

    upload(editor_client, occupation, photo(width=800, height=450, image_format="PNG"))

    occupation.refresh_from_db()
    assert occupation.image.name.endswith(".png")
    with Image.open(occupation.image.path) as image:
        assert image.format == "PNG"


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("bilde.jpg", b"<svg onload=alert(1)>"), "Last opp et gyldig bilde"),
        (SimpleUploadedFile("notat.txt", b"bare tekst"), "Last opp et gyldig bilde"),
        (photo(width=300, height=200), "minst 640"),
        (photo(width=800, height=450, image_format="GIF", name="bilde.gif"), "ikke GIF"),
    ],
    ids=["svg posing as jpeg", "text file", "too narrow", "gif"],
)
def test_a_bad_upload_is_refused_with_a_message(editor_client, media, file, message):
    occupation = OccupationFactory(draft=True)

    response = upload(editor_client, occupation, file)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["image"])
    assert message.lower() in errors.lower()
    assert message.lower() in response.content.decode().lower()
    occupation.refresh_from_db()
    assert not occupation.image
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_oversized_upload_is_refused_with_a_message(editor_client, media, settings):
    settings.IMAGE_MAX_BYTES = 10_000
    occupation = OccupationFactory(draft=True)
    noisy = Image.effect_noise((1200, 800), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=95)

    response = upload(editor_client, occupation, SimpleUploadedFile("stor.jpg", buffer.getvalue()))

    assert response.status_code == 200
    assert "største tillatte størrelse er 9,8" in response.content.decode()
    occupation.refresh_from_db()
    assert not occupation.image


def test_too_many_pixels_is_refused(editor_client, media, settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    occupation = OccupationFactory(draft=True)

    response = upload(editor_client, occupation, photo(width=2000, height=1000))

    assert response.status_code == 200
    assert "for mange piksler" in response.content.decode()


def test_an_image_needs_alt_text(editor_client, media):
    occupation = OccupationFactory(draft=True)

    response = upload(editor_client, occupation, photo(width=800, height=450), alt="")

    assert response.status_code == 200
    assert "Beskriv bildet" in response.content.decode()


def test_renditions_can_be_made_again_for_stored_images(reference_occupation, settings):
    for width in (480, 800):
        path = Path(settings.MEDIA_ROOT) / rendition_name(reference_occupation.image.name, width)
        assert path.exists()
        path.unlink()

    call_command("make_image_renditions", stdout=io.StringIO())

    assert (
        Path(settings.MEDIA_ROOT) / rendition_name(reference_occupation.image.name, 800)
    ).exists()
