"""Scheduled jobs, registered for the hook `scheduled_jobs`, and the runner behind
`manage.py run_scheduled_jobs`, which cron calls every few minutes. A job is claimed with one
conditional UPDATE of its `ScheduledJobRun` row, so overlapping runs, on one node or several,
never run it twice; a claim from a run that died expires after the job's timeout."""

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks

from .models import ScheduledJobRun

logger = logging.getLogger(__name__)

EVERY_RUN = timedelta(0)
HOURLY = timedelta(hours=1)
DAILY = timedelta(days=1)
MONTHLY = timedelta(days=30)
# A job counts as due this much early, so a cron tick that drifts a few seconds does not push
# a daily job to the next tick.
DRIFT = timedelta(minutes=1)
OVERDUE_AFTER = timedelta(days=1)
MESSAGE_LENGTH = 2000


@dataclass(frozen=True)
class Job:
    name: str
    interval: timedelta
    run: Callable[[], str | None]  # returns a short summary for the record (no personal data)
    description: str = ""
    # A claim older than this is taken to be from a run that died.
    timeout: timedelta = timedelta(hours=1)


def command_job(command, interval, description="") -> Job:
    """A management command as a job: its output is the summary."""

    def run():
        out = io.StringIO()
        call_command(command, stdout=out, stderr=out)
        return out.getvalue().strip()

    return Job(command, interval, run, description)


def all_jobs() -> list[Job]:
    """The registered jobs by name; of a name registered twice, the last registration."""
    jobs = {job.name: job for job in hooks.get_hooks("scheduled_jobs")}
    return [jobs[name] for name in sorted(jobs)]


@dataclass
class Outcome:
    job: Job
    state: str  # "ran", "failed", "not due", "running elsewhere"
    message: str = ""


def run_job(job, force=False) -> Outcome:
    now = timezone.now()
    ScheduledJobRun.objects.get_or_create(name=job.name)
    row = ScheduledJobRun.objects.filter(name=job.name)
    since = now - job.interval + DRIFT
    due = Q() if force else Q(last_started_at__isnull=True) | Q(last_started_at__lte=since)
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    if not row.filter(due, free).update(locked_until=now + job.timeout, last_started_at=now):
        return Outcome(job, "running elsewhere" if row.filter(due).exists() else "not due")
    try:
        outcome = Outcome(job, "ran", job.run() or "")
    except Exception as error:
        # One failing job must not stop the others; the log reaches ADMINS/Sentry, the
        # dashboard shows it to staff.
        logger.exception("Scheduled job %s failed", job.name)
        outcome = Outcome(job, "failed", f"{type(error).__name__}: {error}")
    row.update(
        locked_until=None,
        last_finished_at=timezone.now(),
        last_succeeded=outcome.state == "ran",
        last_message=outcome.message[:MESSAGE_LENGTH],
    )
    return outcome


def run_due(force=False, names=None) -> list[Outcome]:
    """Run every registered job (or those named) that is due, or with `force` every one."""
    jobs = [job for job in all_jobs() if not names or job.name in names]
    return [run_job(job, force) for job in jobs]


def overdue():
    """(job, its run or None) for each job that never ran, is a day late, or failed last."""
    now = timezone.now()
    runs = {run.name: run for run in ScheduledJobRun.objects.all()}
    late = []
    for job in all_jobs():
        run = runs.get(job.name)
        if run is None or run.last_started_at is None:
            late.append((job, None))
        elif (
            run.last_succeeded is False or run.last_started_at < now - job.interval - OVERDUE_AFTER
        ):
            late.append((job, run))
    return late
