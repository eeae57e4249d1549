"""Scheduled jobs: `run_scheduled_jobs` runs each registered job when it is due,
records the run, never runs a job twice at once, and the dashboard warns administrators (and
no one else) when jobs have not run for a day."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Revision

from core import jobs
from core.models import ScheduledJobRun
from tests.roles import CAMPUSCOORDINATOR, MODERATOR, REDACTEUR, logged_in, user_with_role
from website.factories import StandardPageFactory

EXPECTED_JOBS = {
    "publish_scheduled": jobs.EVERY_RUN,
    "purge_signatures": jobs.DAILY,
    "purge_registrations": jobs.DAILY,
    "search_index_freshness": jobs.HOURLY,
}


def run(*args):
    out = io.StringIO()
    call_command("run_scheduled_jobs", "-v2", *args, stdout=out, stderr=io.StringIO())
    return dict(line.split(": ", 1) for line in out.getvalue().splitlines())


@pytest.fixture
def job_log():
    """A job of the test's own that records its calls, registered for the test only."""
    calls = []
    job = jobs.Job("test_job", jobs.DAILY, lambda: calls.append(1) or "gedaan")
    with hooks.register_temporarily("scheduled_jobs", job):
        yield calls


def test_the_apps_register_their_jobs_with_their_intervals():
    registered = {job.name: job.interval for job in jobs.all_jobs()}
    assert registered.items() >= EXPECTED_JOBS.items()


def test_a_scheduled_page_goes_live_when_the_job_runs(home_page):
    page = home_page.add_child(instance=StandardPageFactory.build(title="Later live", live=False))
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live  # scheduled, waiting for its date

    # The hour passes: the go-live date is now behind us.
    revision = Revision.page_revisions.get(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    )
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    assert run()["publish_scheduled"] == "ran"
    page.refresh_from_db()
    assert page.live


def test_each_job_runs_once_then_waits_for_its_interval(db, job_log):
    first = run()
    assert first["test_job"] == "ran (gedaan)"
    assert run()["test_job"] == "not due"
    assert run()["publish_scheduled"] == "ran"  # every run
    assert job_log == [1]

    record = ScheduledJobRun.objects.get(name="test_job")
    assert record.last_succeeded is True
    assert record.last_message == "gedaan"
    assert record.locked_until is None

    # A day later (less the minute a cron tick may drift) it is due again.
    ScheduledJobRun.objects.filter(name="test_job").update(
        last_started_at=record.last_started_at - jobs.DAILY + timedelta(seconds=30)
    )
    assert run()["test_job"] == "ran (gedaan)"
    assert job_log == [1, 1]


def test_a_job_another_run_holds_is_skipped_until_its_claim_expires(db, job_log):
    now = timezone.now()
    ScheduledJobRun.objects.create(name="test_job", locked_until=now + timedelta(minutes=30))
    assert run("--job", "test_job")["test_job"] == "running elsewhere"
    assert job_log == []

    ScheduledJobRun.objects.filter(name="test_job").update(locked_until=now - timedelta(1))
    assert run("--job", "test_job")["test_job"] == "ran (gedaan)"


def test_a_failing_job_is_recorded_and_the_others_still_run(db, job_log):
    def broken():
        raise RuntimeError("stuk")

    out, err = io.StringIO(), io.StringIO()
    with (
        hooks.register_temporarily("scheduled_jobs", jobs.Job("broken_job", jobs.DAILY, broken)),
        pytest.raises(CommandError, match="broken_job"),
    ):
        call_command("run_scheduled_jobs", stdout=out, stderr=err)
    assert "broken_job: failed (RuntimeError: stuk)" in err.getvalue()
    assert job_log == [1]
    record = ScheduledJobRun.objects.get(name="broken_job")
    assert record.last_succeeded is False and record.locked_until is None


def test_force_runs_a_job_that_is_not_due(db, job_log):
    run("--job", "test_job")
    assert run("--job", "test_job", "--force")["test_job"] == "ran (gedaan)"
    assert job_log == [1, 1]


def test_an_unknown_job_is_refused(db):
    with pytest.raises(CommandError, match="Unknown job"):
        call_command("run_scheduled_jobs", "--job", "geen")


WARNING = "Automatische taken van de website staan stil"


def test_the_dashboard_warns_administrators_until_the_jobs_have_run(client, home_page):
    administrator = get_user_model().objects.create_superuser("beheer", password="x")
    logged_in(client, administrator)
    dashboard = reverse("wagtailadmin_home")
    html = client.get(dashboard).content.decode()
    assert WARNING in html
    # What the administrator asks the host to do, and which tasks wait, in their words.
    assert "hostingpartij of IT-afdeling" in html and "python manage.py run_scheduled_jobs" in html
    assert "Pagina&#x27;s en snippets op hun datum publiceren: nog nooit uitgevoerd" in html
    assert "README" not in html and "publish_scheduled" not in html

    run()
    assert WARNING not in client.get(dashboard).content.decode()

    # A day and more without a run: the daily clean-ups are overdue, the warning is back.
    ScheduledJobRun.objects.update(last_started_at=timezone.now() - timedelta(days=2, hours=1))
    html = client.get(dashboard).content.decode()
    assert WARNING in html
    late = "Onbevestigde en afgewezen ondertekeningen opschonen: voor het laatst uitgevoerd op"
    assert late in html


@pytest.mark.parametrize("role", [REDACTEUR, MODERATOR, CAMPUSCOORDINATOR])
def test_no_role_but_the_administrator_sees_the_warning(client, home_page, role):
    logged_in(client, user_with_role(role, "medewerker"))
    assert jobs.overdue()
    assert WARNING not in client.get(reverse("wagtailadmin_home")).content.decode()
