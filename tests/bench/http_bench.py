"""HTTP benchmark of `make serve` on loopback (`make bench`; never part of `make test`).

For each public page type: requests per second with p50 and p99 latency, uncached (the page
cache off: what a visitor gets after a change, and what staff always get) and cached (the
page cache on and warm), next to the same server's rate for a static file measured just before
and just after the page (the floor) and each page's ratio to it; then the directory and the
site search at 10,000 partners. All of it on both stacks: SQLite with the embedded defaults,
and PostgreSQL with Redis (both on this machine), as production runs. The end of the output
says which targets were met.

wrk when installed (apt-get install wrk), otherwise a bounded Python load generator
(tests/bench/server.py). BENCH_SECONDS (default 5) per measurement, BENCH_CONNECTIONS
(default 8). Numbers vary with what else the machine does; compare within one run.

To measure a few pages while working on them: BENCH_PAGES (names from
tests/bench/page_urls.py, comma-separated), BENCH_MODES=uncached or cached,
BENCH_STACKS=sqlite or postgres, and BENCH_PARTNERS=0 to leave out the large directory.
"""

import json
import os
import re

from tests.bench.server import Site, manage, measure, wrk_available

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
PARTNERS = int(os.environ.get("BENCH_PARTNERS", "10000"))
PAGES = [name for name in os.environ.get("BENCH_PAGES", "").split(",") if name]
MODES = [name for name in os.environ.get("BENCH_MODES", "").split(",") if name]
STACKS = [name for name in os.environ.get("BENCH_STACKS", "sqlite,postgres").split(",") if name]
STACK_TITLES = {"sqlite": "SQLite, local memory", "postgres": "PostgreSQL and Redis"}
# Ratios to the static file's rate that each page type must reach (the speed targets).
CACHED_TARGET = {"sqlite": 0.5, "postgres": 0.7}
UNCACHED_TARGETS = {"feed.ics": 0.02, "site search": 0.03}
UNCACHED_TARGET = 0.04


def discover(site):
    script = "from tests.bench.page_urls import print_urls; print_urls()"
    output = manage(site.environment(0), "shell", "-c", script).stdout
    return json.loads(output.strip().splitlines()[-1])


def static_path(server, home):
    _, body = server.get(home)
    return re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', body).group(1).decode()


def row(name, result, floor):
    rate, p50, p99, errors = result
    ratio = rate / floor if floor else 0
    flag = " (errors!)" if errors else ""
    return f"| {name} | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {floor:,.0f} | {ratio:.2f}{flag} |"


def table(title, rows):
    print(f"\n### {title}\n")
    print("| page | req/s | p50 ms | p99 ms | static req/s | ratio to static |")
    print("|---|---:|---:|---:|---:|---:|")
    for line in rows:
        print(line)


def measure_pages(server, static, paths):
    """Each page's result and the static file's rate around it (the mean of the measurements
    just before and just after): the machine's speed drifts within a run, so a page is
    compared with the floor of its own moment."""
    before = measure(server.port, static, SECONDS, CONNECTIONS)[0]
    for name, path in paths:
        result = measure(server.port, path, SECONDS, CONNECTIONS)
        after = measure(server.port, static, SECONDS, CONNECTIONS)[0]
        yield name, path, result, (before + after) / 2
        before = after


def bench_stack(stack, ratios):
    """Measure every page type on one stack; record each ratio to the static file's rate."""
    site = Site(production_stack=stack == "postgres")
    try:
        urls = discover(site)["pages"]
        modes = (
            ("Uncached pages (page cache off)", "uncached", {"PAGE_CACHE_ENABLED": "0"}),
            ("Cached pages (page cache on, warm)", "cached", {}),
        )
        for title, label, settings in modes:
            if MODES and label not in MODES:
                continue
            with site.server(**settings) as server:
                static = static_path(server, urls["home"])
                paths = [(name, path) for name, path in urls.items() if not PAGES or name in PAGES]
                for _, path in paths:
                    server.get(path)  # warm the fragments, and the page cache when on
                rows = []
                for name, path, result, floor in measure_pages(server, static, paths):
                    ratios[(stack, label, name)] = result[0] / floor
                    rows.append(row(f"{name} `{path}`", result, floor))
                table(f"{STACK_TITLES[stack]}: {title} (static file `{static}`)", rows)
        if not PARTNERS:
            return
        site.add_partners(PARTNERS)
        with site.server(PAGE_CACHE_ENABLED="0") as server:
            static = static_path(server, urls["home"])
            names = ("directory", "directory search", "site search")
            paths = [(name, urls[name]) for name in names]
            for _, path in paths:
                server.get(path)  # the facet table is built once per process
                server.get(path)
            rows = [
                row(f"{name} `{path}`", result, floor)
                for name, path, result, floor in measure_pages(server, static, paths)
            ]
            table(f"{STACK_TITLES[stack]}: uncached, {PARTNERS:,} more partners", rows)
    finally:
        site.remove()


def targets(ratios):
    """Each measured ratio against its target: the lines of the summary."""
    lines = []
    for (stack, mode, name), ratio in sorted(ratios.items()):
        if mode == "cached":
            target = CACHED_TARGET[stack]
        else:
            target = UNCACHED_TARGETS.get(name, UNCACHED_TARGET)
        verdict = "met" if ratio >= target else "NOT MET"
        lines.append(f"{STACK_TITLES[stack]}, {mode}, {name}: {ratio:.3f} >= {target} {verdict}")
    return lines


def main():
    tool = "wrk" if wrk_available() else "Python load generator"
    print(f"HTTP benchmark: {tool}, {CONNECTIONS} connections, {SECONDS} s per measurement")
    ratios = {}
    for stack in STACKS:
        bench_stack(stack, ratios)
    print("\n### Targets (ratio to the static file)\n")
    lines = targets(ratios)
    print("\n".join(lines))
    missed = [line for line in lines if line.endswith("NOT MET")]
    print(f"\n{len(lines) - len(missed)} of {len(lines)} targets met.")


if __name__ == "__main__":
    main()
