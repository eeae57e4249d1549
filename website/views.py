from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django.views.static import serve
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from core.links import absolute_url
from core.text import MAX_QUERY_LENGTH, clean_query
from search.site import SearchFailed, SearchHit, site_search

from .site_search import GROUPS, searchable_pages


def text_file(*lines):
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def security_txt(request):
    # RFC 9116 asks for an Expires less than a year ahead; computed per request, it never lapses.
    # Canonical is the file's public address, never the request's: a query string in a link
    # would otherwise show this site's file with a line of someone else's choosing.
    return text_file(
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {timezone.now() + timedelta(days=180):%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: nl, en",
        f"Canonical: {absolute_url(reverse('security_txt'))}",
    )


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return text_file(
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    )


@require_safe
def development_media(request, path):
    """Uploads for the development server, never an original image (the public sees only
    renditions); judged by its parts, so `//original_images/`, an encoded slash and `..` fail."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if "original_images" in parts or ".." in parts:
        raise Http404
    return serve(request, "/".join(parts), document_root=settings.MEDIA_ROOT)


@require_safe
def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)


def search(request):
    # QueryDict.get returns the last value of a repeated parameter.
    query = clean_query(request.GET.get("q", ""))

    def found():
        if not query:
            return {"results": None, "promotions": []}
        try:
            results = site_search(request, query, GROUPS, searchable_pages())
        except SearchFailed:
            return {"results": None, "promotions": [], "search_failed": True}
        return {"results": results, "promotions": promoted_results(request, query)}

    context = {
        "query": query,
        "max_query_length": MAX_QUERY_LENGTH,
        # Searched only when the template's cached fragment for this query is not there.
        "found": SimpleLazyObject(found),
        "subpage_trail": [("Zoeken", None)],
    }
    return render(request, "website/search_results.html", context)


def promoted_results(request, query):
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .exclude(page__live=False)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    return [
        SearchHit(
            promotion.title or promotion.external_link_url,
            promotion.page.get_url(request) if promotion.page else promotion.external_link_url,
            promotion.description,
        )
        for promotion in promotions
    ]


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """The editors' guide in Dutch on our own server, for every admin user."""

    template_name = "website/admin/editor_guide.html"
    page_title = "Handleiding"
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]
