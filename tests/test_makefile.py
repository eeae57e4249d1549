"""What `make run` passes to the development server, read from `make -n` (nothing is run)."""

import os
import subprocess
from pathlib import Path

from django.conf import settings

PROJECT = Path(settings.BASE_DIR)


def runserver_line(*arguments, **environment):
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "PORT")}
    output = subprocess.run(
        ["make", "-n", "run", *arguments],
        cwd=PROJECT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    [line] = [line for line in output.splitlines() if " runserver " in line]
    return line


def test_links_in_e_mails_point_at_the_port_make_run_serves_on():
    line = runserver_line(PORT="8101")
    assert line.startswith("SITE_URL='http://127.0.0.1:8101' ")
    assert line.endswith(" runserver 127.0.0.1:8101")


def test_the_default_port_is_8000():
    assert runserver_line().startswith("SITE_URL='http://127.0.0.1:8000' ")


def test_a_site_url_from_the_environment_wins():
    line = runserver_line("PORT=8101", SITE_URL="https://werken.example.nl")
    assert line.startswith("SITE_URL='https://werken.example.nl' ")
    assert line.endswith(" runserver 127.0.0.1:8101")


def test_make_serve_runs_gunicorn_with_production_settings_after_collectstatic():
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "PORT")}
    output = subprocess.run(
        ["make", "-n", "serve", "PORT=8102"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "DJANGO_SETTINGS_MODULE=website.settings.production" in output
    assert "SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}" in output
    assert output.index("collectstatic") < output.index("gunicorn -c website/gunicorn.conf.py")
    assert "PORT=8102" in output
