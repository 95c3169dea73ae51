from django.core.management.base import CommandError

from registers.importing import ImportFailed


def run_import(command, importer, **kwargs):
    """Run one importer for a management command: print its report, fail on rejected rows."""
    try:
        report = importer(**kwargs)
    except ImportFailed as exc:
        raise CommandError(str(exc)) from exc
    for rejection in sorted(report.rejected, key=lambda rejection: rejection.line):
        command.stderr.write(f"Avvist {rejection}")
    if report.rejected:
        raise CommandError(f"{report.summary()}. Ingenting ble skrevet.")
    command.stdout.write(report.summary())
    return report
