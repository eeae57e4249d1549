"""Partner directory search latency at 1,000 and 10,000 partners, and its query counts.

The partners come from the generator behind `manage.py generate_demo_partners`: 1,000 first,
measured, then 9,000 more, measured again, so the 10,000 are generated once. Everything runs
in one rolled-back transaction, so nothing stays behind for the other benchmarks. The initial
content's own dozen demo partners come on top of the generated ones.
"""

from django.core.cache import cache

from partners.demo import create_demo_partners
from partners.models import Partner, directory_index
from search import service
from search.port import SearchQuery
from tests.conftest import count_queries

SIZES = (1_000, 10_000)
# 20 samples per query, so the printed p95 is the 19th of 20.
SAMPLES = {1_000: 20, 10_000: 20}
QUERIES = {
    "single word": "installatie",
    "two words": "techniek amsterdam",
    "typo": "instalatie",
    "prefix": "instal",
    "no words": "",
}
FACETS = {"regio": ["groot-amsterdam"], "sector": ["installatietechniek"]}
PAGES = ("/partners/", "/partners/?q=installatie")


def search(text, filters):
    return lambda: service.run(directory_index(), SearchQuery(text=text, filters=filters))


def test_directory_search_latency(client, db, bench, capsys):
    query_counts = {}
    generated = 0
    for size in SIZES:
        create_demo_partners(size - generated, seed=size)
        generated = size
        # The typo suggestions' vocabulary is cached: let it include the new partners' names.
        cache.clear()
        partners = Partner.objects.live().count()
        for kind, text in QUERIES.items():
            for label, filters in (("", {}), (" + facets", FACETS)):
                bench(
                    f"{size:>6} | {kind}{label} ({text!r})",
                    search(text, filters),
                    repeat=SAMPLES[size],
                )
        page = PAGES[1]
        assert client.get(page).status_code == 200
        bench(f"{size:>6} | page GET {page}", lambda page=page: client.get(page), SAMPLES[size])
        for path in PAGES:
            client.get(path)  # warm the per-process caches (content types, site root paths)
        query_counts[size] = (partners, {path: count_queries(client, path) for path in PAGES})

    with capsys.disabled():
        print()
        for size, (partners, counts) in query_counts.items():
            for path, number in counts.items():
                print(f"QUERIES {size:>6} generated ({partners} live) | GET {path}: {number}")
