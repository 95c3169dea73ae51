from django.core.management.base import BaseCommand, CommandError

from changes.apply import RefreshFailed, changes_apply


class Command(BaseCommand):
    help = (
        "Oppdaterer søkeindeksen, bedriftene per yrke og de lagrede sidene for endringer som "
        "venter (etter en feil, eller fra cron som sikkerhetsnett når ingen worker kjører)."
    )

    def handle(self, *args, **options):
        try:
            applied = changes_apply()
        except RefreshFailed as exc:
            raise CommandError(f"Oppdateringen feilet: {exc}. Endringene venter fortsatt.") from exc
        if applied is None:
            self.stdout.write("En annen oppdatering kjører; den tar med det som venter.")
        else:
            self.stdout.write(f"{applied} ventende endring(er) er oppdatert.")
