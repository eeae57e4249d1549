"""A production server on loopback for the HTTP benchmark and the soak (`make bench`, `make soak`).

It runs what `make serve` runs (production settings, gunicorn with website/gunicorn.conf.py)
against a database of its own, so nothing of the developer's data is touched. Standard library
only: the load generator is bounded (a fixed number of connections for a fixed time).
"""

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_environment(database_url, port, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CACHE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        PORT=str(port),
        GUNICORN_ACCESS_LOG="",
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *arguments, check=True, timeout=None):
    """manage.py in a fresh interpreter with `env`, its output captured."""
    return subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=PROJECT,
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/14"


class Site:
    """A database with the initial content plus demo content, and servers on it: SQLite with
    the embedded defaults, or, with `production_stack`, a PostgreSQL database of its own and
    Redis as the cache (both on this machine), as a production deployment runs."""

    def __init__(self, production_stack=False):
        self.folder = Path(tempfile.mkdtemp(prefix="wo2030-bench-"))
        self.database = self.folder / "db.sqlite3"
        self.extra = {}
        self.postgres_database = None
        if production_stack:
            self.postgres_database = f"wo2030_bench_{os.getpid()}"
            postgres("DROP DATABASE IF EXISTS", self.postgres_database)
            postgres("CREATE DATABASE", self.postgres_database)
            self.database_url = f"{POSTGRES}/{self.postgres_database}"
            self.extra = {"CACHE_URL": REDIS}
            subprocess.run(["redis-cli", "-n", "14", "FLUSHDB"], check=True, capture_output=True)
        else:
            self.database_url = f"sqlite:///{self.database}"
        env = self.environment(0)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_initial_data", "--demo")
        manage(env, "collectstatic", "--noinput", "-v", "0")

    def environment(self, port, **settings):
        return base_environment(self.database_url, port, **self.extra, **settings)

    def add_partners(self, count):
        manage(self.environment(0), "generate_demo_partners", "--count", str(count))

    def server(self, **settings):
        port = free_port()
        return gunicorn(self.environment(port, **settings), self.folder / f"server-{port}.log")

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.postgres_database:
            postgres("DROP DATABASE IF EXISTS", self.postgres_database)


@contextlib.contextmanager
def gunicorn(env, log_path):
    """gunicorn as `make serve` runs it, with `env` (PORT among it), until the block ends."""
    port = int(env["PORT"])
    log = open(log_path, "w+")  # noqa: SIM115
    process = subprocess.Popen(
        [GUNICORN, "-c", "website/gunicorn.conf.py"],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_up(port)
        yield Server(port, log)
    finally:
        # Nothing is left to finish once the block ends, and a graceful stop costs each
        # server more than a second and a half.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        log.close()


def postgres(statement, database):
    subprocess.run(
        ["psql", POSTGRES + "/postgres", "-qc", f"{statement} {database}"],
        check=True,
        capture_output=True,
    )


class Server:
    def __init__(self, port, log):
        self.port = port
        self.log = log

    def get(self, path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body

    def log_text(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()


def wait_until_up(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/robots.txt")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server on port {port} did not start")


# --- load -----------------------------------------------------------------------------------


def wrk_available():
    return shutil.which("wrk") is not None and not os.environ.get("BENCH_PYTHON_LOAD")


def run_wrk(port, path, seconds, connections):
    output = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(next(line for line in output.splitlines() if "Requests/sec" in line).split()[1])
    percentiles = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("50%", "99%"):
            percentiles[parts[0]] = to_ms(parts[1])
    errors = "Non-2xx or 3xx responses" in output
    return rate, percentiles["50%"], percentiles["99%"], errors


def to_ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60000)):
        if text.endswith(unit) and text[: -len(unit)].replace(".", "").isdigit():
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)


def run_python_load(port, path, seconds, connections):
    """Bounded closed-loop load: `connections` threads with keep-alive for `seconds`."""
    samples, errors = [], []
    deadline = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors.append(response.status)
            except (OSError, http.client.HTTPException):
                errors.append("connection")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            samples.append((time.perf_counter() - start) * 1000)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] if samples else 0
    return len(samples) / elapsed, statistics.median(samples or [0]), p99, bool(errors)


def measure(port, path, seconds, connections):
    if wrk_available():
        return run_wrk(port, path, seconds, connections)
    return run_python_load(port, path, seconds, connections)
