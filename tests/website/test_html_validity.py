"""Every public page type is valid HTML by the Nu Html Checker (vnu), the W3C's validator.

The pages are rendered to files and checked in one run (one Java start). vnu comes from npm
(`make node-tools`, into .node/) and runs on Java (Debian's default-jre-headless). Without
either the test is skipped here; CI sets REQUIRE_VNU=1 (.ci/run), which makes that a failure.
"""

import json
import os
import shutil
import subprocess
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.bench.page_urls import extra_urls, page_urls
from tests.bench.server import PROJECT

VNU_JAR = PROJECT / ".node/node_modules/vnu-jar/build/dist/vnu.jar"


def vnu_command():
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
    reason = "the Nu Html Checker needs Java and .node/ (make node-tools)"
    if os.environ.get("REQUIRE_VNU"):
        pytest.fail(reason)
    pytest.skip(reason)


def public_pages(client):
    """Name and HTML of every public page type, the forms as shown and as sent back empty, and
    the error pages a form can lead to."""
    urls = {name: url for name, url in page_urls().items() if not url.endswith(".ics")}
    forms = extra_urls()
    urls["sign form"] = forms["sign"]
    urls["registration form"] = forms["register"][0][0]
    urls["my alerts"] = "/meldingen/mijn-meldingen/"
    urls["not found"] = "/bestaat-niet/"
    pages = {name: client.get(url) for name, url in urls.items()}
    pages["sign form with errors"] = client.post(forms["sign"], {})
    pages["registration form with errors"] = client.post(forms["register"][0][0], {})
    too_many_fields = [("veld", "1")] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)
    pages["unreadable form"] = client.post(
        forms["sign"], urlencode(too_many_fields), content_type="application/x-www-form-urlencoded"
    )
    pages["form without its CSRF cookie"] = Client(enforce_csrf_checks=True).post(forms["sign"])
    pages["form address opened"] = client.get(reverse("alerts:subscribe"))
    for name, response in pages.items():
        assert response.status_code in (200, 400, 403, 404, 405), (name, response.status_code)
        assert response["Content-Type"].startswith("text/html"), name
    return {name: response.content for name, response in pages.items()}


def test_every_public_page_type_is_valid_html(client, home_page, tmp_path):
    command = vnu_command()
    for name, html in public_pages(client).items():
        (tmp_path / (name.replace(" ", "-") + ".html")).write_bytes(html)
    result = subprocess.run([*command, *map(str, tmp_path.iterdir())], capture_output=True)
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{message.get('url', '').rpartition('/')[2]}, line {message.get('lastLine')}: "
        f"{message['message']} ({message.get('extract', '').strip()})"
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors)
