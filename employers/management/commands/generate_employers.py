import datetime

from django.core.management.base import BaseCommand, CommandError

from employers.demo import employers_generate


def month(value):
    try:
        return datetime.date.fromisoformat(f"{value}-01")
    except ValueError as exc:
        raise CommandError(f"Ugyldig måned {value!r}; skriv ÅÅÅÅ-MM.") from exc


class Command(BaseCommand):
    help = (
        "Lager fiktive bedrifter (navn som begynner med «Eksempel», organisasjonsnumre som "
        "begynner med 1) med arbeidsforhold og lærebedriftsgodkjenninger for demo, tester og "
        "ytelsesmålinger. Samme frø gir samme bedrifter; en ny kjøring lager ingen dubletter."
    )

    def add_arguments(self, parser):
        parser.add_argument("--employers", type=int, default=300, help="antall bedrifter")
        parser.add_argument("--seed", type=int, default=2026, help="frø for tilfeldighetene")
        parser.add_argument("--period", type=month, help="måned for arbeidsforholdene, ÅÅÅÅ-MM")
        parser.add_argument(
            "--titles-per-employer",
            type=int,
            nargs=2,
            default=(1, 3),
            metavar=("MIN", "MAX"),
            help="hvor mange stillingstitler hver bedrift har ansatte i",
        )
        parser.add_argument(
            "--skew",
            type=float,
            default=0.0,
            help="Zipf-skjevhet i fordelingen på yrker (0 = jevnt, 1 = som i virkeligheten)",
        )

    def handle(self, *args, employers, seed, period, titles_per_employer, skew, **options):
        if employers < 0:
            raise CommandError("--employers kan ikke være negativt.")
        created = employers_generate(
            count=employers,
            seed=seed,
            period=period,
            titles_per_employer=tuple(titles_per_employer),
        )
        self.stdout.write(
            f"Bedrifter: {created['employers']} opprettet, arbeidsforhold: "
            f"{created['employment']}, godkjenninger: {created['approvals']}."
        )
