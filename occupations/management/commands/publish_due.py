from django.core.management.base import BaseCommand, CommandError

from occupations.services import PublishingBusy, occupations_publish_due


class Command(BaseCommand):
    help = "Publish the drafts whose scheduled publishing time has come (run by cron)."

    def handle(self, *args, **options):
        try:
            published, failed = occupations_publish_due()
        except PublishingBusy:
            # Cron started this run while the previous one was still publishing: that run
            # publishes what is due, so this one has nothing to do.
            self.stdout.write("Another run is publishing right now; nothing done.")
            return
        self.stdout.write(f"Published {len(published)} occupation(s).")
        for occupation in published:
            self.stdout.write(f"  {occupation.title} ({occupation.get_absolute_url()})")
        if failed:
            for draft, reason in failed:
                self.stderr.write(f"Not published: {draft.title} (id {draft.pk}): {reason}")
            raise CommandError(f"{len(failed)} scheduled draft(s) could not be published.")
