"""The groups of the site-wide search at /zoeken/, in the order shown."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.models import Page

from campuses.models import CampusPage
from core.models import ImportantPages
from events.models import EventPage
from manifest.models import Initiative
from monitor.models import Area, Indicator
from partners.models import Partner, directory_index
from search import service
from search.port import SearchQuery
from search.site import HITS_PER_GROUP, ObjectGroup, PageGroup, SearchGroup, SearchHit


class DirectoryGroup:
    """The partners, from the directory's own search (fast queries, typo rescue)."""

    def search(self, request, query, pages):
        # The group shows no fragments: the backend need not mark the words in the text.
        text = SearchQuery(text=query, per_page=HITS_PER_GROUP, highlight=False)
        results = service.run(directory_index(), text)
        partners = Partner.objects.only("name", "slug", "short_description").in_bulk(
            [hit.pk for hit in results.hits]
        )
        hits = [
            SearchHit(partner.name, partner.get_absolute_url(), partner.short_description)
            for partner in (partners.get(hit.pk) for hit in results.hits)
            if partner is not None
        ]
        directory = ImportantPages.url_for(request, "directory_page")
        return SearchGroup(
            "partners",
            "Partners",
            hits,
            results.total,
            more_url=f"{directory}?{urlencode({'q': query})}" if directory else "",
            more_label="Toon alle gevonden partners in de partnergids",
        )


def initiative_hit(initiative, request):
    return SearchHit(initiative.title, initiative.get_absolute_url(), initiative.summary)


def indicator_hit(indicator, request):
    return SearchHit(indicator.name, indicator.get_absolute_url(), indicator.definition)


def area_hit(area, request):
    text = f"De arbeidsmarkt van {area.name} in cijfers ({area.get_kind_display().lower()})."
    return SearchHit(area.name, area.get_absolute_url(), text)


GROUPS = [
    PageGroup("paginas", "Pagina's", other_than=(CampusPage, EventPage)),
    DirectoryGroup(),
    ObjectGroup(
        "initiatieven",
        "Initiatieven",
        lambda: Initiative.objects.filter(live=True),
        initiative_hit,
        more_link=lambda request, query: (
            reverse("manifest:initiative_list"),
            "Toon alle initiatieven",
        ),
    ),
    PageGroup("campussen", "Campussen", page_types=(CampusPage,)),
    PageGroup(
        "agenda",
        "Agenda",
        page_types=(EventPage,),
        more_link=lambda request, query: (
            ImportantPages.url_for(request, "agenda_page"),
            "Bekijk de hele agenda",
        ),
    ),
    ObjectGroup("cijfers", "Arbeidsmarkt in cijfers", Indicator.objects.all, indicator_hit),
    ObjectGroup("gebieden", "Cijfers per gebied", Area.objects.all, area_hit),
]


def searchable_pages():
    """Live, public pages below the home page (depth 2; the tree's root is depth 1)."""
    return Page.objects.live().public().filter(depth__gt=2)
