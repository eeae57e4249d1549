"""gunicorn settings for `make serve` and any deployment: `gunicorn -c website/gunicorn.conf.py`.
GUNICORN_* below override them, as do gunicorn's own GUNICORN_CMD_ARGS and FORWARDED_ALLOW_IPS
(the proxies trusted for X-Forwarded-*, loopback by default). README.md lists them all."""

import multiprocessing
import os

wsgi_app = "website.wsgi:application"

# Loopback by default, for measuring and a proxy on the same host; a container or a proxy on
# another host sets GUNICORN_BIND=0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# gunicorn's rule of thumb (2 x cores + 1) oversubscribes SQLite's one writer and the CPU of a
# small machine: one worker per core, at least two.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
# More than one thread switches gunicorn to its gthread worker.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A request that takes longer is a bug or an attack; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
keepalive = 5
# Recycled now and then, so slow leaks (per-process memos) cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500

# Workers share the loaded application's memory and start at once.
preload_app = True

# GUNICORN_ACCESS_LOG="" turns the access log off (the benchmark does, to measure the app).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
