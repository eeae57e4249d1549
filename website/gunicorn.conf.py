"""gunicorn settings for `make serve` and any deployment: `gunicorn -c website/gunicorn.conf.py`.

Every value can be overridden from the environment (GUNICORN_* below, or gunicorn's own
GUNICORN_CMD_ARGS); README.md lists them.
"""

import multiprocessing
import os

wsgi_app = "website.wsgi:application"

# Loopback by default: `make serve` is for measuring and for a proxy on the same host. A
# container or a proxy on another host sets GUNICORN_BIND=0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Sync workers: the pages are CPU-bound rendering plus short database queries. gunicorn's own
# rule of thumb is 2 x cores + 1; on small machines that oversubscribes SQLite's one writer and
# the CPU, so the default is one worker per core (at least two), overridable.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"

# A request that takes longer than this is a bug or an attack; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so slow leaks (per-process memos) cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500

# Load the application before forking: workers share its memory and start at once.
preload_app = True

# Access log to stdout ("-"), error log to stderr; GUNICORN_ACCESS_LOG="" turns it off (the
# benchmark does, so logging is not what it measures).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# Behind a proxy: trust X-Forwarded-* only from the addresses named here (gunicorn's default
# is 127.0.0.1). Django's SECURE_PROXY_SSL_HEADER reads X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
