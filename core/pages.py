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


class SitemapEntries:
    """Sitemap entries for the URLs a page serves or stands for besides its own (its routes,
    objects it lists), all on the page's site; the site is looked up once, not per entry.
    Without a date of its own an entry changes with the page."""

    def __init__(self, page, request):
        self.page = page
        _, self.root_url, self.page_path = page.get_url_parts(request)

    def at(self, path, lastmod=None):
        return {"location": self.root_url + path, "lastmod": lastmod or self.page.last_published_at}

    def route(self, name, *args, lastmod=None):
        return self.at(self.page_path + self.page.reverse_subpage(name, args=args), lastmod)


def see_other(url):
    """303 See Other: reloading the next page never re-posts the form."""
    response = redirect(url)
    response.status_code = 303
    return response
