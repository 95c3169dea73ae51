import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg_upload(*, width, height, name="bilde.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#4477aa").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
