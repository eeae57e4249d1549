"""The partner directory page: the directory at its own URL, profiles as routes beneath it."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.models import BasePage, SectionPageMixin

from .. import views


class PartnerIndexPage(SectionPageMixin, RoutablePageMixin, BasePage):
    """The partner directory at /partners/, and the profiles at /partners/<slug>/."""

    content_panels = Page.content_panels + [FieldPanel("intro")]

    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Partnergids"

    @path("")
    def directory(self, request):
        return views.directory(request, self)

    @path("suggesties/", name="suggestions")
    def suggestions(self, request):
        return views.suggestions(request, self)

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        return views.profile(request, self, slug)
