"""The container's health check: GET /health/ on this container's gunicorn, with a host name
the site accepts (the first of ALLOWED_HOSTS). Exit 0 when it answers 200."""

import os
import sys
import urllib.request

host = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost").lstrip(
    "."
)
request = urllib.request.Request(  # noqa: S310 (a fixed local URL)
    "http://127.0.0.1:8000/health/", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=8) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except Exception:  # noqa: BLE001
    sys.exit(1)
