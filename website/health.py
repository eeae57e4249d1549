"""`/health/` for load balancers: 503 when the database or media storage fails; a failing cache
or search backend only degrades the answer (pages are rendered uncached, searches fall back to
the database), so the load balancer keeps the server. A failed check reads "unavailable"; the
reason, which may name hosts, goes to the log only."""

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
    """Elasticsearch's cluster health; the database backend is covered by the database check."""

    def run(self):
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
    "cache": (Cache, False),
    "media_storage": (Storage, True),
    "search": (SearchBackend, False),
}


class HealthView(HealthCheckView):
    checks = [check for check, _ in CHECKS.values()]
    http_method_names = ["get", "head"]

    async def get(self, request, *args, **kwargs):
        # Every check runs (concurrently, each with its own time limit); the answer is JSON.
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
