"""`/health/` for load balancers and monitoring (issue 15), built on django-health-check: JSON
with the state of the database, the cache, the search backend and media storage.

200 when the site can serve; 503 when the database, the cache or media storage fails, so a
load balancer takes the server out. The search backend only degrades the answer (200, status
"degraded"): searches fall back to the database when Elasticsearch is unreachable. The answer
is never cached and says nothing about people or the servers' addresses: a failed check reads
"unavailable" and the reason goes to the log.
"""

import asyncio
import dataclasses

from django.http import JsonResponse
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from search import service
from search.port import SearchUnavailable


@dataclasses.dataclass
class SearchBackend(HealthCheck):
    """The active search backend answers: Elasticsearch's cluster health, or nothing to ask
    for the database backend (the database check covers it)."""

    async def run(self):
        await asyncio.get_running_loop().run_in_executor(None, self.ping)

    @staticmethod
    def ping():
        backend = service.active_backend()
        if backend is service.database_backend():
            return
        try:
            backend.ping()
        except SearchUnavailable as error:
            service.record_outage(error)
            raise ServiceUnavailable("search backend unavailable") from error


# name in the JSON -> (check, whether its failure makes the server unfit to serve)
CHECKS = {
    "database": (Database, True),
    "cache": (Cache, True),
    "media_storage": (Storage, True),
    "search": (SearchBackend, False),
}


class HealthView(HealthCheckView):
    checks = [check for check, _ in CHECKS.values()]
    http_method_names = ["get", "head"]

    async def get(self, request, *args, **kwargs):
        # Run every check (concurrently, each with its own time limit), always answer JSON.
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        report, critical, degraded = {}, False, False
        for (name, (_, required)), result in zip(CHECKS.items(), results, strict=True):
            report[name] = {
                "status": "unavailable" if result.error else "ok",
                "seconds": round(result.time_taken, 3),
            }
            if result.error:
                critical |= required
                degraded = True
        report["search"]["backend"] = service.active_backend().name
        status = "unavailable" if critical else "degraded" if degraded else "ok"
        return JsonResponse({"status": status, "checks": report}, status=503 if critical else 200)
