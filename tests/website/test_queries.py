from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from website.factories import StandardPageFactory


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_home_page_queries_do_not_grow_with_the_menu(client, home_page):
    client.get("/")  # warm the site-root-paths cache, as any running site has it
    before = count_queries(client, "/")
    for number in range(15):
        parent = StandardPageFactory(parent=home_page, title=f"Extra {number}", show_in_menus=True)
        StandardPageFactory(parent=parent, title=f"Sub {number}", show_in_menus=True)
    after = count_queries(client, "/")
    assert after == before
    html = client.get("/").content.decode()
    assert "Extra 14" in html and "Sub 14" in html


def test_a_page_lists_its_sub_pages_in_queries_that_do_not_grow(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Ouder")
    StandardPageFactory(parent=parent, title="Kind 0")
    client.get(parent.url)
    before = count_queries(client, parent.url)
    for number in range(1, 15):
        StandardPageFactory(parent=parent, title=f"Kind {number}")
    assert count_queries(client, parent.url) == before
    assert "Kind 14" in client.get(parent.url).content.decode()


def render_breadcrumbs(page):
    request = RequestFactory().get(page.url)
    with CaptureQueriesContext(connection) as queries:
        html = Template("{% load navigation_tags %}{% breadcrumbs %}").render(
            Context({"request": request, "page": page})
        )
    return html, len(queries)


def test_breadcrumb_queries_do_not_grow_with_depth(home_page):
    # Wagtail's own routing walks the tree level by level; the breadcrumbs must not add to that.
    parent = home_page
    for number in range(6):
        parent = StandardPageFactory(parent=parent, title=f"Niveau {number}")
        if number == 1:
            shallow_page = parent
    shallow_html, shallow = render_breadcrumbs(shallow_page)
    deep_html, deep = render_breadcrumbs(parent)
    assert deep == shallow
    assert deep_html.count("<li>") == 7 and "Niveau 4" in deep_html
