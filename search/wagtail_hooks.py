from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .service import recent_outage


class SearchOutagePanel(Component):
    name = "search_outage"
    order = 50

    def __init__(self, outage):
        self.outage = outage

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="panel help-block help-warning" aria-label="Zoekmachine">'
            "<p><strong>De zoekmachine (Elasticsearch) was niet bereikbaar</strong> op {}. "
            "Zoeken op de site gebruikt zolang de database; de index kan achterlopen. "
            "Herbouw hem met <code>manage.py search_index rebuild</code> als hij terug is.</p>"
            "<p>Fout: {}</p></section>",
            self.outage["at"].strftime("%d-%m-%Y %H:%M"),
            self.outage["error"],
        )


@hooks.register("construct_homepage_panels")
def warn_about_search_outage(request, panels):
    outage = recent_outage()
    if outage and request.user.is_staff:
        panels.insert(0, SearchOutagePanel(outage))
