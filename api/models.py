"""The "Open data" page: for developers of other sites, with the endpoints and examples."""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from core.blocks import BaseStreamBlock
from core.models import BasePage, SectionPageMixin

from .endpoints import CSV_SEPARATOR, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE


class OpenDataPage(SectionPageMixin, BasePage):
    """Explains the open data. The list of endpoints, parameters and the examples come from
    the endpoint definitions (api/resources.py), so the page says what the API does."""

    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Open-datapagina"

    def get_context(self, request, *args, **kwargs):
        # The endpoints use the other apps' forms, which cannot be imported while models load.
        from .resources import ENDPOINTS

        context = super().get_context(request, *args, **kwargs)
        context.update(
            index_url=request.build_absolute_uri(reverse("api:index")),
            openapi_url=request.build_absolute_uri(reverse("api:openapi")),
            endpoints=[
                {
                    "endpoint": endpoint,
                    "url": request.build_absolute_uri(endpoint.list_path()),
                    "csv_url": request.build_absolute_uri(endpoint.csv_path()),
                }
                for endpoint in ENDPOINTS
            ],
            max_page_size=MAX_PAGE_SIZE,
            default_page_size=DEFAULT_PAGE_SIZE,
            csv_separator=CSV_SEPARATOR,
            requests_per_minute=settings.API_REQUESTS_PER_MINUTE,
        )
        return context
