from django.core.management.base import BaseCommand

from occupations.images import image_renditions_create
from occupations.models import Occupation


class Command(BaseCommand):
    help = "Make the smaller copies (480/800/1200 px WebP) of every occupation image again."

    def handle(self, *args, **options):
        count = 0
        for occupation in Occupation.objects.exclude(image="").only("image").iterator():
            image_renditions_create(field_file=occupation.image)
            count += 1
        self.stdout.write(f"Lagde mindre kopier av {count} bilder.")
