"""Scheduled jobs, which apps register for the hook `scheduled_jobs` in their
`wagtail_hooks.py`, and the runner behind `manage.py run_scheduled_jobs`.

Cron (or a systemd timer, or a Kubernetes CronJob) calls the command every few minutes on one
node; each job runs when its interval has passed since it last started. A job is
claimed with one conditional UPDATE of its row in `core.ScheduledJobRun` (the lock), so two
runs that overlap, on one node or on several, never run the same job twice; a run that died
holding a claim loses it after the job's timeout. Each run records when it started and
finished, whether it succeeded and what it said, and the admin dashboard warns when jobs have
not run for a day (core/wagtail_hooks.py).
"""

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks

logger = logging.getLogger(__name__)

EVERY_RUN = timedelta(0)
HOURLY = timedelta(hours=1)
DAILY = timedelta(days=1)
# A job counts as due this much before its interval has passed, so the few seconds a cron
# tick drifts do not push a daily job to the next tick.
DRIFT = timedelta(minutes=1)
# Staff are warned when a job is this much later than its interval allows.
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
    """Every job registered for the hook `scheduled_jobs`, by name (a name registered twice
    is one job: the last registration wins)."""
    jobs = {job.name: job for job in hooks.get_hooks("scheduled_jobs")}
    return [jobs[name] for name in sorted(jobs)]


def get_job(name) -> Job:
    return next(job for job in all_jobs() if job.name == name)


@dataclass
class Outcome:
    job: Job
    state: str  # "ran", "failed", "not due", "running elsewhere"
    message: str = ""


def _claim(job, now, force):
    """Take the job's row if the job is due and nobody holds it; True when taken."""
    from .models import ScheduledJobRun

    ScheduledJobRun.objects.get_or_create(name=job.name)
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    claim = ScheduledJobRun.objects.filter(free, name=job.name)
    if not force and job.interval > EVERY_RUN:
        claim = claim.filter(
            Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - job.interval + DRIFT)
        )
    return bool(claim.update(locked_until=now + job.timeout, last_started_at=now))


def _is_due(job, now):
    from .models import ScheduledJobRun

    run = ScheduledJobRun.objects.filter(name=job.name).first()
    return run is None or run.is_due(job, now)


def run_job(job, now=None, force=False) -> Outcome:
    from .models import ScheduledJobRun

    now = now or timezone.now()
    if not _claim(job, now, force):
        state = "not due" if not _is_due(job, now) else "running elsewhere"
        return Outcome(job, state)
    try:
        message = job.run() or ""
    except Exception as error:
        # One failing job must not stop the others; the error is logged (and so reaches
        # ADMINS/Sentry) and shown to staff on the dashboard.
        logger.exception("Scheduled job %s failed", job.name)
        outcome = Outcome(job, "failed", f"{type(error).__name__}: {error}")
    else:
        outcome = Outcome(job, "ran", message)
    ScheduledJobRun.objects.filter(name=job.name).update(
        locked_until=None,
        last_finished_at=timezone.now(),
        last_succeeded=outcome.state == "ran",
        last_message=outcome.message[:MESSAGE_LENGTH],
    )
    return outcome


def run_due(now=None, force=False, names=None) -> list[Outcome]:
    """Run every registered job that is due (or, with `force`, every job), one after another."""
    jobs = [get_job(name) for name in names] if names else all_jobs()
    return [run_job(job, now=now, force=force) for job in jobs]


def overdue(now=None):
    """(job, its run record or None) for each job that is more than a day late, or whose last
    run failed: what the dashboard warns about."""
    from .models import ScheduledJobRun

    now = now or timezone.now()
    runs = {run.name: run for run in ScheduledJobRun.objects.all()}
    late = []
    for job in all_jobs():
        run = runs.get(job.name)
        if run is None or run.last_started_at is None:
            late.append((job, None))
        elif (
            run.last_started_at < now - job.interval - OVERDUE_AFTER or run.last_succeeded is False
        ):
            late.append((job, run))
    return late
