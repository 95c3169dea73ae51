"""The worker: the scheduler and the task worker in one process (docs/workers.md)."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from scheduling.jobs import scheduled_jobs
from scheduling.models import ScheduledRun
from scheduling.runner import worker_name
from scheduling.scheduler import schedule_tick, scheduled_run_now
from scheduling.worker import tasks_run_ready


class Command(BaseCommand):
    help = (
        "Kjører de planlagte jobbene (import, planlagt publisering, oppdatering av avledede "
        "data) og oppgavene i køen. Start én eller flere på hver server; hver jobb kjøres "
        "likevel bare én gang per planlagt tidspunkt. --once: én runde (for cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="én runde, så avslutt")
        parser.add_argument(
            "--interval", type=float, default=10, help="sekunder mellom rundene (standard 10)"
        )
        parser.add_argument(
            "--run", metavar="JOBB", help="kjør denne jobben nå, utenom planen, og avslutt"
        )
        parser.add_argument(
            "--list", action="store_true", dest="list_jobs", help="vis jobbene og planen deres"
        )

    def handle(self, *args, once, interval, run, list_jobs, **options):
        if list_jobs:
            for job in scheduled_jobs().values():
                self.stdout.write(f"{job.name}: {job.schedule}. {job.description}")
            return
        if run:
            return self._run_now(run)
        self.stopping = False
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
        while True:
            failed = self._round()
            if once and failed:
                raise CommandError(f"{failed} planlagt(e) kjøring(er) feilet; se admin.")
            if once or self.stopping:
                return
            time.sleep(interval)
            close_old_connections()  # a long-lived process: drop broken connections
            if self.stopping:
                return

    def _stop(self, signum, frame):
        self.stdout.write("Stopper etter denne runden.")
        self.stopping = True

    def _round(self):
        tick = schedule_tick()
        for run in tick.claimed:
            self.stdout.write(f"Planlagt: {run}")
        for pk in tick.retried:
            run = ScheduledRun.objects.get(pk=pk)
            self.stdout.write(f"Prøves igjen (arbeideren stoppet): {run}")
        for pk in tick.failed:
            self.stderr.write(f"Feilet (ingen forsøk igjen): {ScheduledRun.objects.get(pk=pk)}")
        ran = tasks_run_ready(worker_id=worker_name()[:64])
        if ran:
            self.stdout.write(f"{ran} oppgave(r) fra køen er kjørt.")
        return len(tick.failed) + self._report(tick.dispatched)

    def _report(self, pks):
        """Print how each run went; returns how many failed for good."""
        runs = list(ScheduledRun.objects.filter(pk__in=pks))
        for run in runs:
            line = f"{run}: {run.get_status_display()}"
            if run.status == ScheduledRun.Status.FAILED:
                self.stderr.write(f"{line}. {run.last_error}")
            elif run.status == ScheduledRun.Status.QUEUED and run.last_error:
                self.stderr.write(f"{line} (prøves igjen). {run.last_error}")
            else:
                self.stdout.write(f"{line}. {run.result}".rstrip(". "))
        return sum(run.status == ScheduledRun.Status.FAILED for run in runs)

    def _run_now(self, name):
        job = scheduled_jobs().get(name)
        if job is None:
            raise CommandError(
                f"Ingen jobb heter {name}. Jobbene: {', '.join(sorted(scheduled_jobs()))}."
            )
        run = scheduled_run_now(job=job)
        if run is None:
            raise CommandError(f"{name} ble nettopp startet av en annen; prøv igjen om litt.")
        tasks_run_ready(worker_id=worker_name()[:64])
        self._report([run.pk])
        run.refresh_from_db()
        if run.status == ScheduledRun.Status.FAILED:
            raise CommandError(f"{run} feilet.")
        if run.status == ScheduledRun.Status.QUEUED and run.last_error:
            raise CommandError(f"{run} feilet; arbeiderne prøver igjen etter en pause.")
