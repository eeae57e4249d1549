"""The page "Arbeidsmarkt in cijfers": the province's figures at its own URL, a route per
area and per indicator, two areas side by side, and each chart's figures as CSV."""

from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.exports import CSV_CONTENT_TYPE, csv_lines
from core.models import BasePage, SectionPageMixin
from core.pages import SitemapEntries, render_subpage

from .figures import Chart, Figures, Monitor
from .forms import CompareForm, area_selection
from .models import Area, AreaKind, Indicator, Observation


class MonitorPage(SectionPageMixin, RoutablePageMixin, BasePage):
    """ "Arbeidsmarkt in cijfers": the province's figures, a page per region, and two regions
    side by side, each series as a chart drawn on the server."""

    body = StreamField(
        BaseStreamBlock(),
        verbose_name="Toelichting",
        blank=True,
        help_text="Staat onder de cijfers van de provincie: over de bronnen en hoe te lezen.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = BasePage.search_fields + [index.SearchField("body")]

    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Arbeidsmarkt in cijfers"

    def get_sitemap_urls(self, request=None):
        entries = SitemapEntries(self, request)
        changed = dict(
            Observation.objects.order_by().values_list("area").annotate(Max("imported_at"))
        )
        areas = Area.objects.exclude(kind=AreaKind.PROVINCE).values_list("pk", "slug")
        indicators = Indicator.objects.values_list("slug", flat=True)
        return [
            *super().get_sitemap_urls(request),
            *(entries.route("area", slug, lastmod=changed.get(pk)) for pk, slug in areas),
            *(entries.route("indicator", slug) for slug in indicators),
        ]

    def render_area(self, request, monitor, area, template, trail):
        # Read only when the cached fragment that shows them is missing.
        sections = SimpleLazyObject(
            lambda: monitor.sections(
                Figures(monitor.comparison_areas(area), monitor.indicators), area
            )
        )
        return render_subpage(
            self,
            request,
            template,
            trail,
            area=area,
            monitor=monitor,
            sections=sections,
            form=CompareForm(initial=monitor.compare_initial(area), areas=monitor.areas),
            follow_query=area and area_selection(area),
        )

    @path("")
    def province(self, request):
        monitor = Monitor()
        if monitor.province is None:
            return self.render(request, context_overrides={"monitor": monitor})
        return self.render_area(request, monitor, monitor.province, "monitor/monitor_page.html", [])

    @path("vergelijken/", name="compare")
    def compare(self, request):
        monitor = Monitor()
        form = CompareForm(request.GET or None, areas=monitor.areas)
        trail = [("Vergelijken", None)]
        template = "monitor/monitor_compare.html"
        if not form.is_bound:
            return render_subpage(self, request, template, trail, monitor=monitor, form=form)
        if not form.is_valid():
            return render_subpage(
                self, request, template, trail, status=400, monitor=monitor, form=form
            )
        first, second = form.chosen()
        areas = [first, second, monitor.province, monitor.country]
        # Read only when the cached fragment that shows them is missing.
        figures = SimpleLazyObject(
            lambda: Figures([area for area in areas if area], monitor.indicators)
        )
        return render_subpage(
            self,
            request,
            template,
            [(f"{first} en {second}", None)],
            monitor=monitor,
            form=form,
            first=first,
            second=second,
            columns=SimpleLazyObject(
                lambda: [(area, monitor.sections(figures, area)) for area in (first, second)]
            ),
            comparison=SimpleLazyObject(lambda: monitor.comparison(figures, first, second)),
        )

    @path("indicator/<slug:slug>/", name="indicator")
    def indicator(self, request, slug):
        monitor = Monitor()
        indicator = monitor.indicator(slug)
        figures = Figures(monitor.areas, [indicator])
        latest = [(area, figures.latest(indicator, area)) for area in monitor.areas]
        province = monitor.sections(figures, monitor.province) if monitor.province else []
        return render_subpage(
            self,
            request,
            "monitor/monitor_indicator.html",
            [(indicator.name, None)],
            monitor=monitor,
            indicator=indicator,
            latest=[
                (area, monitor.key_figure(figures, item))
                for area, item in latest
                if item is not None
            ],
            charts=province[0].charts if province else [],
        )

    @path("<slug:slug>/", name="area")
    def area(self, request, slug):
        monitor = Monitor()
        area = monitor.area(slug)
        if area.is_province:
            return redirect(self.url, permanent=True)
        return self.render_area(
            request, monitor, area, "monitor/monitor_page.html", [(area.name, None)]
        )

    # Wagtail routes only paths that end in a slash; the file name comes with the download.
    @path("<slug:slug>/<slug:indicator>/<slug:period>/csv/", name="csv")
    def csv(self, request, slug, indicator, period):
        """Exactly the figures of one chart on the area's page."""
        monitor = Monitor()
        area, indicator = monitor.area(slug), monitor.indicator(indicator)
        figures = Figures(monitor.comparison_areas(area), [indicator])
        if period not in figures.kinds(indicator, area):
            raise Http404("Deze grafiek bestaat niet.")
        chart = Chart(figures, indicator, period, monitor.comparison_areas(area, indicator))
        # Whole, not streamed like the exports: one chart's figures are small, and the page
        # cache keeps a whole answer.
        response = HttpResponse("".join(csv_lines(chart.csv_rows())), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(
            True, f"{chart.csv_filename}.csv"
        )
        return response
