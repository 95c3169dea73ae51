import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from occupations.images import validate_image
from tests.images import jpeg_upload


def test_a_good_photo_passes():
    validate_image(jpeg_upload(width=1200, height=675))


def test_too_narrow_is_refused():
    with pytest.raises(ValidationError, match="minst 640"):
        validate_image(jpeg_upload(width=300, height=200))


def test_too_large_a_file_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="største tillatte"):
        validate_image(jpeg_upload(width=1200, height=675))


def test_not_an_image_is_refused():
    with pytest.raises(ValidationError, match="ikke et bilde"):
        validate_image(SimpleUploadedFile("bilde.jpg", b"<svg onload=alert(1)>"))
