"""Images that editors upload: checked with Pillow before anything is stored, re-encoded,
and served in a few widths (renditions) through srcset."""

import io
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

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


# Widths, in pixels, of the smaller copies (renditions) made of every uploaded image; the page
# offers them with srcset so a phone downloads a 480 px WebP, not the 2,400 px original.
RENDITION_WIDTHS = (480, 800, 1200)
RENDITION_FORMAT = "WEBP"
RENDITION_QUALITY = 80
# Larger originals are scaled down to this width when they are re-encoded.
STORED_MAX_WIDTH = 2400
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def image_reencode(file):
    """A new file with the image's pixels only, written afresh by Pillow.

    Call after validate_image. Anything hidden in the upload (metadata such as GPS positions,
    comments, data appended after the image) is left behind; the EXIF orientation is applied
    to the pixels; images wider than STORED_MAX_WIDTH are scaled down. The name keeps its stem
    and gets the extension of the format the file really is.
    """
    file.seek(0)
    with Image.open(file) as source:
        image_format = source.format
        image = ImageOps.exif_transpose(source)
        image.load()
    if image.width > STORED_MAX_WIDTH:
        height = round(image.height * STORED_MAX_WIDTH / image.width)
        image = image.resize((STORED_MAX_WIDTH, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif image_format == "PNG":
        mode = "RGBA" if image.mode in {"RGBA", "LA", "P", "PA"} else "RGB"
        image.convert(mode).save(buffer, "PNG", optimize=True)
    else:
        mode = "RGBA" if image.mode in {"RGBA", "LA", "P", "PA"} else "RGB"
        image.convert(mode).save(buffer, "WEBP", quality=85)
    stem = PurePosixPath(file.name).stem or "bilde"
    return SimpleUploadedFile(
        f"{stem}.{EXTENSIONS[image_format]}",
        buffer.getvalue(),
        content_type=Image.MIME[image_format],
    )


def rendition_name(name, width):
    """Where the `width` px copy of the stored image `name` lives: a renditions/ folder beside
    it, which uploads never write into (occupations/a.jpg → occupations/renditions/a.jpg.480w.webp).
    """
    path = PurePosixPath(name)
    return str(path.parent / "renditions" / f"{path.name}.{width}w.webp")


def rendition_widths(width):
    """The rendition widths an image `width` px wide has: only those narrower than it."""
    return [w for w in RENDITION_WIDTHS if width and w < width]


def image_renditions_create(*, field_file):
    """Write the smaller WebP copies of a stored image next to it; returns their names.

    Called explicitly where an image is stored (the admin, the demo loader, and the
    `make_image_renditions` command for images stored before). Existing copies are replaced.
    """
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as handle, Image.open(handle) as source:
        source.load()
        image = source.convert("RGBA" if "A" in source.getbands() else "RGB")
    names = []
    for width in rendition_widths(image.width):
        height = round(image.height * width / image.width)
        buffer = io.BytesIO()
        image.resize((width, height), Image.Resampling.LANCZOS).save(
            buffer, RENDITION_FORMAT, quality=RENDITION_QUALITY
        )
        name = rendition_name(field_file.name, width)
        if storage.exists(name):
            storage.delete(name)
        names.append(storage.save(name, ContentFile(buffer.getvalue())))
    return names


def image_srcset(field_file, width):
    """The srcset value for a stored image `width` px wide: its renditions and the original."""
    if not width:
        return field_file.url
    storage = field_file.storage
    candidates = [
        f"{storage.url(rendition_name(field_file.name, w))} {w}w" for w in rendition_widths(width)
    ]
    candidates.append(f"{field_file.url} {width}w")
    return ", ".join(candidates)
