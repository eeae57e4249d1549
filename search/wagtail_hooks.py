from wagtail import hooks
from wagtail.admin.ui.components import Component

from .service import recent_outage


class SearchOutagePanel(Component):
    name = "search_outage"
    template_name = "search/admin/outage_panel.html"
    order = 50

    def __init__(self, outage):
        self.outage = outage

    def get_context_data(self, parent_context=None):
        return {"outage": self.outage}


@hooks.register("construct_homepage_panels")
def warn_about_search_outage(request, panels):
    outage = recent_outage()
    if outage and request.user.is_staff:
        panels.insert(0, SearchOutagePanel(outage))
