"""The "Open data" page: for developers of other sites, with the endpoints and examples."""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from core.blocks import BaseStreamBlock
from core.models import BasePage, SectionPageMixin

from . import endpoints as registry


class OpenDataPage(SectionPageMixin, BasePage):
    """Explains the open data. The list of endpoints, parameters and the examples come from
    the endpoint definitions (api/endpoints.py), so the page says what the API does."""

    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Open-datapagina"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_url = request.build_absolute_uri(reverse("api:index"))
        described = []
        for endpoint in registry.endpoints():
            described.append(
                {
                    "endpoint": endpoint,
                    "url": request.build_absolute_uri(endpoint.list_path()),
                    "csv_url": request.build_absolute_uri(endpoint.csv_path()),
                }
            )
        context.update(
            index_url=index_url,
            openapi_url=request.build_absolute_uri(reverse("api:openapi")),
            endpoints=described,
            max_page_size=registry.MAX_PAGE_SIZE,
            default_page_size=registry.DEFAULT_PAGE_SIZE,
            csv_separator=registry.CSV_SEPARATOR,
            requests_per_minute=settings.API_REQUESTS_PER_MINUTE,
        )
        return context
