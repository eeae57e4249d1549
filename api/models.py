"""The "Open data" page: for developers of other sites, with the endpoints and examples."""

from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from core.blocks import BaseStreamBlock
from core.models import BasePage, SectionPageMixin


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
        from .openapi import describe_index

        context = super().get_context(request, *args, **kwargs)
        context["api"] = describe_index(request)
        context["index_url"] = request.build_absolute_uri(reverse("api:index"))
        return context
