"""Playwright against Debian's Chromium and pytest-django's live server on a free loopback port.

axe-core (bundled by axe-playwright-python) checks every page a test visits through
`visit()`; serious and critical violations fail the test. Whatever the browser refuses under
the Content-Security-Policy, and any Permissions-Policy feature it does not know, on any page
of a test, fails it too.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# between browser steps are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_axe = Axe()

# The suite runs on two workers on a 2-core machine: give assertions the same patience as
# actions, so a busy moment is not a failure.
expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Browser tests need Debian's chromium: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def site_data(initial_content):
    """The initial content in the live server's database (put back for every test)."""
    return initial_content


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Chromium reports on the console each thing the Content-Security-Policy blocks, and each
    # Permissions-Policy feature it does not know.
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{message.location.get('url')}: {message.text}")
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not refused, "The browser refused the site's policies:\n" + "\n".join(refused)


def assert_accessible(page):
    results = _axe.run(page)
    blocking = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    report = "\n".join(
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in blocking
    )
    assert not blocking, f"axe found accessibility violations on {page.url}:\n{report}"


@pytest.fixture
def visit(page, live_server, site_data):
    """Open a path on the live server, wait for it and run axe on the result."""

    def _visit(path):
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok, (
            f"{path} answered {response and response.status}"
        )
        assert_accessible(page)
        return page

    return _visit
