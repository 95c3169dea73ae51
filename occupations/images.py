"""Checks for images that editors upload, done with Pillow before anything is stored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_image(file):
    if getattr(file, "_committed", False):
        return  # Checked when it was uploaded; saving the page again does not reopen it.
    if file.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("Bildet er %(size)s; største tillatte størrelse er %(max)s.")
            % {"size": filesizeformat(file.size), "max": filesizeformat(settings.IMAGE_MAX_BYTES)}
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(_("Bildet har for mange piksler."))
            image.verify()
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(_("Filen er ikke et bilde Pillow kan lese.")) from exc
    finally:
        file.seek(position)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Bildet må være JPEG, PNG eller WebP, ikke %(format)s.") % {"format": image_format}
        )
    if width < settings.IMAGE_MIN_WIDTH:
        raise ValidationError(
            _("Bildet er %(width)s piksler bredt; det må være minst %(min)s.")
            % {"width": width, "min": settings.IMAGE_MIN_WIDTH}
        )
