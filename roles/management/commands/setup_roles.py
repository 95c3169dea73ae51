from django.core.management.base import BaseCommand

from roles.definitions import roles_setup


class Command(BaseCommand):
    help = "Create the editorial roles (groups) with exactly their permissions. Safe to re-run."

    def handle(self, *args, **options):
        for name, (created, count) in roles_setup().items():
            state = "created" if created else "updated"
            self.stdout.write(f"{name}: {state}, {count} permissions")
