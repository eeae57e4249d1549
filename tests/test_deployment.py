"""The deployment set against the settings and the README. No container engine runs
on the development and CI machines, so nothing is built or started here: compose.yaml is
parsed and compared with the variables the settings read and the README documents, and the
Dockerfile and proxy configuration are read for the rules they must keep."""

import ast
import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
SETTINGS_DIR = PROJECT / "website" / "settings"
ENV_READERS = {"env_str", "env_bool", "env_int", "env_list", "env_origins", "env_admins"}
# Services that run our image, with the settings' environment.
APP_SERVICES = {"app", "migrate", "scheduler"}
SERVICES = APP_SERVICES | {"postgres", "redis", "elasticsearch", "proxy"}
# Read by Django itself (manage.py, wsgi.py) rather than through website/settings/env.py.
READ_OUTSIDE_SETTINGS = {"DJANGO_SETTINGS_MODULE"}
INTERPOLATION = re.compile(r"\$\{([A-Z][A-Z0-9_]*)")


def variables_the_settings_read():
    """Every name passed to an env_* reader in website/settings/*.py."""
    names = set()
    for path in SETTINGS_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ENV_READERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
    return names


def documented_variables():
    """The variables named in the first column of README's configuration tables."""
    readme = (PROJECT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_column = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", first_column))
    return names


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((PROJECT / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def test_compose_has_the_production_set(services):
    assert set(services) == SERVICES


def test_the_app_scales_out_behind_the_proxy(services):
    app = services["app"]
    assert "ports" not in app and "container_name" not in app  # several replicas possible
    assert "replicas" in app["deploy"]
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["migrate"]["restart"] == "no"
    assert "run_scheduled_jobs" in " ".join(services["scheduler"]["command"])
    assert services["proxy"]["ports"] == ["80:80", "443:443"]


def test_our_services_run_one_image_with_one_environment(services):
    images = {services[name]["image"] for name in APP_SERVICES}
    environments = [services[name]["environment"] for name in APP_SERVICES]
    assert len(images) == 1
    assert all(environment == environments[0] for environment in environments)


def test_the_app_uses_postgresql_redis_and_elasticsearch(services):
    environment = services["app"]["environment"]
    assert (
        environment["DATABASE_URL"].startswith("postgres://")
        and "@postgres:5432/" in (environment["DATABASE_URL"])
    )
    assert environment["CACHE_URL"] == "redis://redis:6379/0"
    assert environment["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
    assert services["elasticsearch"]["image"].split(":")[-1].startswith("8.")


def test_every_variable_set_on_the_app_is_read_by_the_settings(services):
    read = variables_the_settings_read() | READ_OUTSIDE_SETTINGS
    assert set(services["app"]["environment"]) - read == set()


def test_every_variable_of_the_deployment_is_documented(services):
    documented = documented_variables()
    compose_text = (PROJECT / "compose.yaml").read_text()
    set_on_app = set(services["app"]["environment"])
    set_on_proxy = set(services["proxy"]["environment"])
    interpolated = set(INTERPOLATION.findall(compose_text))
    assert (set_on_app | set_on_proxy | interpolated) - documented == set()


def test_the_example_env_file_names_every_variable_compose_reads():
    example = (PROJECT / "deploy" / "env.example").read_text()
    listed = {line.split("=", 1)[0] for line in example.splitlines() if "=" in line[:40]}
    listed.discard("")
    interpolated = set(INTERPOLATION.findall((PROJECT / "compose.yaml").read_text()))
    assert {name for name in listed if not name.startswith("#")} == interpolated


def test_every_variable_the_settings_read_is_documented():
    assert variables_the_settings_read() - documented_variables() == set()


def test_the_image_runs_production_settings_as_a_non_root_user():
    dockerfile = (PROJECT / "Dockerfile").read_text()
    app_stage = dockerfile.split("FROM caddy", 1)[0]
    assert "DJANGO_SETTINGS_MODULE=website.settings.production" in app_stage
    assert "pip install --no-deps --require-hashes -r /tmp/requirements.lock" in app_stage
    assert "manage.py collectstatic --noinput" in app_stage
    [user] = re.findall(r"^USER (\S+)$", app_stage, re.MULTILINE)
    assert user not in ("root", "0")
    assert app_stage.index("collectstatic") < app_stage.index("USER ")
    assert '"gunicorn", "--config", "website/gunicorn.conf.py"' in app_stage
    assert "AS proxy" in dockerfile


def test_the_image_leaves_out_what_production_does_not_need():
    ignored = (PROJECT / ".dockerignore").read_text().split()
    for name in [".git", ".venv", "tests", "db.sqlite3*", "media/*", ".env"]:
        assert name in ignored


def test_the_proxy_serves_static_files_and_renditions_never_originals(services):
    caddyfile = (PROJECT / "deploy" / "Caddyfile").read_text()
    served = re.findall(r"handle (/\S+)", caddyfile)
    assert served == ["/static/*", "/media/images/*", "/media/*"]
    refused = caddyfile.split("handle /media/* {", 1)[1].split("}", 1)[0]
    assert refused.strip() == "respond 404"
    assert "media:/srv/media:ro" in services["proxy"]["volumes"]
