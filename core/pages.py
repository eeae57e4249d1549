"""Helpers for the flows that routable pages hand to views: render a step "under" the page,
and redirect after a POST."""

from django.shortcuts import redirect


def render_subpage(page, request, template, trail, status=200, **context):
    """Render `template` as a sub-page of `page`: its breadcrumbs end in `trail`, a list of
    (title, url) pairs whose last url is None."""
    response = page.render(
        request, template=template, context_overrides={"subpage_trail": trail, **context}
    )
    response.status_code = status
    return response


def subpage_url(page, name, *args):
    """The URL of one of a routable page's named routes."""
    return page.url + page.reverse_subpage(name, args=args)


def see_other(url):
    """303 See Other: reloading the next page never re-posts the form."""
    response = redirect(url)
    response.status_code = 303
    return response
