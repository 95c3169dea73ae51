"""Running a register import: lock, one transaction, threshold, dry run and the run record."""

from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from changes.record import changes_record
from registers.importing import ImportFailed, ImportReport
from registers.locks import ImportLocked, source_lock
from registers.models import DataSource, ImportRun


def _finish(run, report, status, message=""):
    run.status = status
    run.finished_at = timezone.now()
    run.message = message
    if report is not None:
        for name in ("read", "created", "updated", "unchanged", "closed", "rejected"):
            setattr(run, name, getattr(report, name))
        run.rejected_rows = [
            {"line": rejection.line, "unit": rejection.unit, "reason": rejection.reason}
            for rejection in report.rejections
        ]
    run.save()
    return run


def _close_abandoned(run):
    """Runs of the source still marked as running, other than `run`, died without finishing
    (killed, machine lost): while `run` holds the source's lock, no other run can be alive.
    Their transaction never committed, so nothing of theirs was saved; say so."""
    abandoned = ImportRun.objects.filter(
        source=run.source, status=ImportRun.Status.RUNNING, pk__lt=run.pk
    )
    return abandoned.update(
        status=ImportRun.Status.FAILED,
        finished_at=timezone.now(),
        message=_(
            "Avbrutt: prosessen stoppet før importen var ferdig, så ingenting ble lagret. "
            "Oppdaget da neste import startet."
        ),
    )


@transaction.atomic
def _apply(*, data_source, path, importer, options, report, threshold, dry_run):
    """The import itself, in one transaction (rolled back for a dry run or any failure)."""
    if not path.is_file():
        raise ImportFailed(_("Finner ikke filen %(path)s.") % {"path": path})
    importer(path=path, report=report, **options)
    if report.rejected_share > threshold:
        raise ImportFailed(
            _(
                "%(rejected)s av %(read)s rader ble avvist (%(share).1f %%), over grensen "
                "på %(threshold).1f %%. Ingenting ble lagret."
            )
            % {
                "rejected": report.rejected,
                "read": report.read,
                "share": report.rejected_share * 100,
                "threshold": threshold * 100,
            }
        )
    if dry_run:
        transaction.set_rollback(True)
    else:
        data_source.refreshed_at = timezone.now()
        data_source.save(update_fields=["refreshed_at"])
        changes_record(rows=[data_source], fields=["refreshed_at"])


def import_run(*, source, path, importer, dry_run=False, threshold=None, on_reject=None, **options):
    """Import `path` with `importer(path=…, report=…, **options)` and record the run.

    Everything the importer writes happens in one transaction: a file-level problem, a share
    of rejected rows above the threshold (a fraction; the source's own setting when None), a
    crash or a dry run leaves the database as it was.
    Only one run per source at a time; a run found still marked as running once the lock is
    held died half-way and is closed as failed. Returns the ImportRun; raises ImportFailed
    (with the run recorded as failed) when the import was not applied.
    """
    path = Path(path)
    # The sources are created by a data migration; a missing one is made again, not a crash.
    data_source, _created = DataSource.objects.get_or_create(
        key=source, defaults={"name": DataSource.Key(source).label}
    )
    if threshold is None:
        threshold = float(data_source.rejection_threshold) / 100
    run = ImportRun.objects.create(source=data_source, file=Path(path).name)
    report = ImportReport(source=data_source.name, on_reject=on_reject)
    try:
        with source_lock(source):
            _close_abandoned(run)
            _apply(
                data_source=data_source,
                path=path,
                importer=importer,
                options=options,
                report=report,
                threshold=threshold,
                dry_run=dry_run,
            )
    except ImportLocked as exc:
        message = _("En import fra %(source)s kjører allerede. Prøv igjen når den er ferdig.") % {
            "source": data_source.name
        }
        _finish(run, None, ImportRun.Status.FAILED, message)
        raise ImportFailed(message) from exc
    except ImportFailed as exc:
        _finish(run, report, ImportRun.Status.FAILED, str(exc))
        raise
    except Exception as exc:
        _finish(run, report, ImportRun.Status.FAILED, f"{type(exc).__name__}: {exc}")
        raise
    status = ImportRun.Status.DRY_RUN if dry_run else ImportRun.Status.SUCCEEDED
    return _finish(run, report, status, "\n".join(report.notes))
