from django.core.management.base import BaseCommand, CommandError

from core import jobs


class Command(BaseCommand):
    help = (
        "Run each scheduled job that is due (publish_scheduled on every run, the privacy "
        "clean-ups daily, the search index check hourly, ...). Safe to run every few minutes "
        "from cron on one node; two overlapping runs never run the same job twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--list", action="store_true", dest="list_jobs", help="List the jobs and stop."
        )
        parser.add_argument(
            "--job", action="append", dest="names", metavar="NAME", help="Only this job."
        )
        parser.add_argument(
            "--force", action="store_true", help="Run the jobs even when they are not due."
        )

    def handle(self, *args, list_jobs, names, force, **options):
        known = {job.name for job in jobs.all_jobs()}
        unknown = sorted(set(names or ()) - known)
        if unknown:
            raise CommandError(f"Unknown job(s): {', '.join(unknown)}; known: {sorted(known)}")
        if list_jobs:
            for job in jobs.all_jobs():
                self.stdout.write(f"{job.name}\tevery {job.interval}\t{job.description}")
            return
        failed = []
        for outcome in jobs.run_due(force=force, names=names):
            line = f"{outcome.job.name}: {outcome.state}"
            if outcome.message:
                line += f" ({outcome.message})"
            if outcome.state == "failed":
                failed.append(outcome.job.name)
                self.stderr.write(line)
            elif outcome.state == "ran" or options["verbosity"] > 1:
                self.stdout.write(line)
        if failed:
            # A non-zero exit makes cron (and a Kubernetes CronJob) report the failure.
            raise CommandError(f"Failed: {', '.join(failed)}")
