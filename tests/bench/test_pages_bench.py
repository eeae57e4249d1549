from tests.conftest import load_initial_data


def test_page_render_latency(client, db, bench):
    load_initial_data()
    paths = [
        "/",
        "/over-het-manifest/",
        "/agenda/",
        "/agenda/?weergave=maand",
        "/agenda/?doelgroep=basisschool&regio=noord-holland-noord",
        "/agenda/feed.ics",
        "/campussen/techport/",
    ]
    for path in paths:
        bench(f"GET {path}", lambda path=path: client.get(path), repeat=200)
