"""What the registry adds to the apps below it (docs/architecture.md, "Hooks"): the partners
group of the site search, answered by the directory's own search port (its fast queries,
Elasticsearch when configured, and its typo rescue), and the directory as a source of e-mail
alerts. Imported by PartnersConfig.ready()."""

from urllib.parse import urlencode

from alerts import sources as alert_sources
from core.models import ImportantPages
from search import service
from search.port import SearchQuery
from search.site import HITS_PER_GROUP, SearchGroup, SearchHit, register_group

from .alerts import DIRECTORY
from .models import INDEX_NAME, Partner


def search_partners(request, query, definition):
    # The group shows no fragments: the backend need not mark the words in the partners' text.
    results = service.run(
        INDEX_NAME, SearchQuery(text=query, per_page=HITS_PER_GROUP, highlight=False)
    )
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
        definition.key,
        definition.heading,
        hits,
        results.total,
        more_url=f"{directory}?{urlencode({'q': query})}" if directory else "",
        more_label="Toon alle gevonden partners in de partnergids",
    )


register_group("partners", "Partners", 20, search_partners)

alert_sources.register(DIRECTORY)
