"""The partner directory page: the directory at its own URL, profiles as routes beneath it."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.models import BasePage, SectionPageMixin
from core.pages import SitemapEntries

from .. import views
from .partner import Partner


class PartnerIndexPage(SectionPageMixin, RoutablePageMixin, BasePage):
    """The partner directory at /partners/, and the profiles at /partners/<slug>/."""

    content_panels = Page.content_panels + [FieldPanel("intro")]

    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Partnergids"

    def get_sitemap_urls(self, request=None):
        """Besides the directory: the profile of every live partner."""
        entries = SitemapEntries(self, request)
        profiles = Partner.objects.live().order_by("slug").values_list("slug", "updated_at")
        return [
            *super().get_sitemap_urls(request),
            *(entries.route("profile", slug, lastmod=updated) for slug, updated in profiles),
        ]

    @path("")
    def directory(self, request):
        return views.directory(request, self)

    @path("suggesties/", name="suggestions")
    def suggestions(self, request):
        return views.suggestions(request, self)

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        return views.profile(request, self, slug)
