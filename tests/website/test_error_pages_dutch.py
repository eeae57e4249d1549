"""The site's small files answer HEAD as they answer GET, and say only what the site put in
them; a request the site cannot read or will not take (a failed CSRF check, a method the address
does not answer) gets a Dutch page in the site's layout, never Django's bare English one or an
empty body."""

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import bad_request

from tests.bench.page_urls import extra_urls, page_urls


def form_urls():
    """The alerts form (on the agenda and the directory) and the manifest's sign form."""
    return {"subscribe": reverse("alerts:subscribe"), "sign": extra_urls()["sign"]}


def assert_dutch_page_in_the_layout(response, status, heading):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert 'class="site-header' in html
    assert html.count("<h1") == 1
    assert heading in re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert f'href="{reverse("wagtail_serve", args=[""])}"' in html
    assert f"Foutcode: {status}" in html
    return html


@pytest.mark.parametrize("name", ["robots_txt", "security_txt", "favicon"])
def test_head_answers_as_get_does(client, home_page, name):
    url = reverse(name)
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code
    assert head.get("Content-Type") == get.get("Content-Type")
    assert head.get("Location") == get.get("Location")


def test_security_txt_names_its_own_address_whatever_the_query(client, home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.werkenenontwikkelen2030.nl"
    url = reverse("security_txt")
    response = client.get(url + "?Contact:%20mailto:evil@example.com")
    body = response.content.decode()
    fields = dict(line.split(": ", 1) for line in body.splitlines())
    assert fields["Canonical"] == "https://www.werkenenontwikkelen2030.nl" + url
    assert "evil" not in body


@pytest.mark.parametrize("form", ["subscribe", "sign"])
def test_form_data_over_the_memory_limit_gets_the_dutch_400(client, home_page, form):
    # Under the request size limit (413), over what Django reads into memory, without a file.
    size = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 500_000
    assert size < django_settings.PUBLIC_FORM_MAX_REQUEST_BYTES
    response = client.post(
        form_urls()[form],
        urlencode({"organisatie": "x" * size}),
        content_type="application/x-www-form-urlencoded",
    )
    html = assert_dutch_page_in_the_layout(response, 400, "niet worden gelezen")
    assert "Bad Request" not in html


@pytest.mark.parametrize("form", ["subscribe", "sign"])
def test_too_many_fields_get_the_dutch_400(client, home_page, form):
    fields = [("veld", "1")] * (django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)
    response = client.post(
        form_urls()[form], urlencode(fields), content_type="application/x-www-form-urlencoded"
    )
    assert_dutch_page_in_the_layout(response, 400, "niet worden gelezen")


def test_a_host_the_site_does_not_serve_gets_the_dutch_400(client, home_page):
    # The page may not depend on the request's host: that is what failed.
    response = client.get("/", HTTP_HOST="elders.example.com")
    assert_dutch_page_in_the_layout(response, 400, "niet worden gelezen")


def test_the_400_page_needs_no_database(db, django_assert_num_queries):
    # Django renders it without the request, as it does the 500 page: no context processor
    # and no content, so it shows whatever else is failing.
    with django_assert_num_queries(0):
        response = bad_request(RequestFactory().get("/"), SuspiciousOperation())
    assert response.status_code == 400
    assert "niet worden gelezen" in response.content.decode()


@pytest.mark.parametrize("secure", [False, True], ids=["http", "https without Referer"])
def test_a_failed_csrf_check_gets_a_dutch_page_without_the_reason(home_page, secure):
    client = Client(enforce_csrf_checks=True)
    response = client.post(form_urls()["sign"], {"x": "1"}, secure=secure)
    html = assert_dutch_page_in_the_layout(response, 403, "niet worden verstuurd")
    assert "Laad de pagina met het formulier opnieuw" in html
    assert "cookies" in html
    for technical in ("CSRF", "DEBUG", "Referer", "Forbidden"):
        assert technical not in html


@pytest.mark.parametrize(
    ("name", "args", "method", "allowed"),
    [
        # After a form error the address bar shows the form's address: Enter there is a GET.
        ("alerts:subscribe", [], "GET", "POST"),
        ("alerts:unsubscribe", ["onbekend"], "OPTIONS", "GET, HEAD, POST"),
        ("alerts:unsubscribe", ["onbekend"], "PUT", "GET, HEAD, POST"),
        ("alerts:unsubscribe", ["onbekend"], "DELETE", "GET, HEAD, POST"),
        ("alerts:unsubscribe", ["onbekend"], "PATCH", "GET, HEAD, POST"),
        ("robots_txt", [], "POST", "GET, HEAD"),
    ],
)
def test_a_method_the_address_does_not_take_gets_the_dutch_405(
    client, home_page, name, args, method, allowed
):
    response = client.generic(method, reverse(name, args=args))
    assert response["Allow"] == allowed
    html = assert_dutch_page_in_the_layout(response, 405, "niet worden geopend")
    pages = page_urls()
    for section in ("agenda list", "directory"):
        assert f'href="{pages[section]}"' in html


def test_each_error_page_keeps_its_own_title_at_one_address(client, home_page, settings):
    """base.html keeps its head (with the title) per address and trail, not per status: the
    error pages name themselves in their trail."""
    url = reverse("alerts:subscribe")
    too_large = "x" * (settings.PUBLIC_FORM_MAX_REQUEST_BYTES + 1)
    settings.ALERT_SUBSCRIPTIONS_PER_HOUR = 0  # every attempt is one too many
    answers = {
        413: client.post(url, too_large, content_type="text/plain"),
        405: client.get(url),
        429: client.post(url, {"email": "ouder@example.nl"}),
    }
    titles = {
        status: re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
        for status, response in answers.items()
        if response.status_code == status
    }
    assert titles.keys() == {413, 405, 429}
    assert titles[413].startswith("Bestand te groot")
    assert titles[405].startswith("Deze pagina kan zo niet worden geopend")
    assert titles[429].startswith("Even geduld")
