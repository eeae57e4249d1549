from tests.conftest import load_initial_data


def test_page_render_latency(client, db, bench):
    load_initial_data()
    for path in ["/", "/over-het-manifest/", "/agenda/"]:
        bench(f"GET {path}", lambda path=path: client.get(path), repeat=200)
