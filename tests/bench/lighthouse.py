"""Lighthouse (mobile, its default) on every public page type of `make serve` (`make bench`).

Prints the performance, accessibility and SEO scores and the cumulative layout shift of each
page, and exits with 1 when a page shifts by 0.1 or more (Google's "good" limit) or cannot be
measured. Lighthouse comes from npm into .node/ (`make node-tools`) and drives Debian's
Chromium (CHROME_PATH, /usr/bin/chromium unless set). Scores vary with what else the machine
does; the layout shift does not.
"""

import json
import os
import subprocess
import sys

from tests.bench.http_bench import discover
from tests.bench.server import PROJECT, Site

LIGHTHOUSE = PROJECT / ".node/node_modules/.bin/lighthouse"
CLS_LIMIT = 0.1
CATEGORIES = ["performance", "accessibility", "seo"]


def lighthouse(url, attempts=2):
    """The scores (0-100) and the layout shift of one page, or None when Lighthouse fails.
    A failed trace is Lighthouse's own hiccup ("Please run Lighthouse again"): once more."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        print(result.stderr[-2000:], file=sys.stderr)
        return lighthouse(url, attempts - 1) if attempts > 1 else None
    report = json.loads(result.stdout)
    scores = [round(report["categories"][name]["score"] * 100) for name in CATEGORIES]
    return scores, report["audits"]["cumulative-layout-shift"]["numericValue"]


def main():
    site = Site()
    try:
        found = discover(site)
        pages = {name: url for name, url in found["pages"].items() if not url.endswith(".ics")}
        pages["sign form"] = found["sign"]
        pages["registration form"] = found["register"][0][0]
        with site.server() as server:
            print("\n### Lighthouse, mobile\n")
            print("| page | performance | accessibility | SEO | CLS |")
            print("|---|---:|---:|---:|---:|")
            failed = []
            for name, path in pages.items():
                measured = lighthouse(f"http://127.0.0.1:{server.port}{path}")
                if measured is None:
                    failed.append(f"{name}: Lighthouse failed")
                    print(f"| {name} | - | - | - | - |", flush=True)
                    continue
                scores, shift = measured
                if shift >= CLS_LIMIT:
                    failed.append(f"{name}: layout shift {shift:.3f}")
                print(f"| {name} | {' | '.join(map(str, scores))} | {shift:.3f} |", flush=True)
    finally:
        site.remove()
    if failed:
        print(f"\nLayout shift must stay below {CLS_LIMIT}: " + "; ".join(failed))
        sys.exit(1)
    print(f"\nEvery page shifts less than {CLS_LIMIT}.")


if __name__ == "__main__":
    main()
