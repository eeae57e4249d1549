"""Reflow (WCAG 2.1, 1.4.10): at 320 CSS px wide no page scrolls sideways, and what a phone
layout leaves out (the month view's weekday row) or makes small (checkboxes, radio buttons) is
still there to see and to hit.

Every public page type (tests/bench/page_urls.py) is opened, and besides those the pages that
carry the longest unbreakable words of the content: a title, a region or a web address is what
pushes a phone's page wider. They are found in the database, so new content is covered too.
"""

import re

import pytest
from django.urls import reverse

from api.models import OpenDataPage
from campuses.models import CampusPage
from events.models import EventPage
from manifest.models import Initiative, ManifestAction
from monitor.models import Area, Indicator
from partners.models import Partner
from tests.bench.page_urls import extra_urls, page_urls
from website.models import StandardPage

NARROWEST = {"width": 320, "height": 800}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# A line breaks at spaces and after hyphens; anything between is one word to the browser.
UNBREAKABLE = re.compile(r"[^\s\-‐]+")
WEEKDAY = re.compile(r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag", re.I)
# WCAG 2.5.8 (2.2): a target of at least 24 by 24 CSS px.
SMALLEST_TARGET = 24

# Whether the page is wider than the window, and if so what sticks out on the right (a box, or
# the text in it), to name in the failure. Inside a box that scrolls on its own, like a wide
# table's, things may.
OVERFLOW = """() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth <= width) return null;
    const scrolls = (element) => {
        for (let box = element.parentElement; box !== document.body; box = box.parentElement) {
            if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return true;
        }
        return false;
    };
    const right = (element) => {
        const box = element.getBoundingClientRect();
        return Math.max(box.right, box.left + element.scrollWidth);
    };
    // Visually hidden text (a 1 px box) sticks out only with what it is part of.
    const hidden = (element) => element.getBoundingClientRect().width <= 1;
    const outside = [...document.body.querySelectorAll("*")].filter(
        (element) => right(element) > width + 0.5 && !hidden(element) && !scrolls(element)
    );
    // The innermost ones: what sticks out, not every box around it.
    const innermost = outside.filter(
        (element) => !outside.some((other) => other !== element && element.contains(other))
    );
    const name = (element) =>
        element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
        [...element.classList].map((cls) => "." + cls).join("") + " " +
        JSON.stringify(element.textContent.trim().slice(0, 40));
    return {
        scrollWidth: root.scrollWidth,
        clientWidth: width,
        elements: innermost.slice(0, 5).map(name),
    };
}"""

# The first weekday name in a day of the month that a sighted visitor sees: laid out, not
# clipped away (as visually hidden text is), and what the browser hits at that spot.
VISIBLE_WEEKDAY = """([cell, pattern]) => {
    cell.scrollIntoView({block: "center"});
    const weekday = new RegExp(pattern, "i");
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const match = node.data.match(weekday);
        if (!match) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const box = range.getBoundingClientRect();
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        if (box.width > 8 && hit && node.parentElement.contains(hit)) return match[0];
    }
    return null;
}"""


def longest_word(*texts):
    return max((len(word) for text in texts for word in UNBREAKABLE.findall(text or "")), default=0)


def with_longest_words(objects, texts, count=2):
    """The objects whose texts hold the longest words (two: letters differ in width)."""
    return sorted(objects, key=lambda thing: -longest_word(*texts(thing)))[:count]


def reflow_urls():
    """Every public HTML page type, the forms, and the pages with the longest words."""
    urls = {name: url for name, url in page_urls().items() if not url.endswith(".ics")}
    forms = extra_urls()
    urls["sign form"] = forms["sign"]
    urls["registration form"] = forms["register"][0][0]
    urls["my alerts"] = reverse("alerts:request_link")
    # Running text: e-mail addresses and web addresses in a sentence.
    for page in [*StandardPage.objects.live(), *OpenDataPage.objects.live()]:
        urls[f"page {page.title}"] = page.url
    longest = {
        "action": (ManifestAction.objects.all(), lambda action: [action.title]),
        "initiative": (
            Initiative.objects.filter(live=True),
            lambda initiative: [initiative.title],
        ),
        "event": (EventPage.objects.live(), lambda event: [event.title]),
        "campus": (
            CampusPage.objects.live().select_related("region"),
            lambda campus: [
                campus.title,
                campus.place,
                campus.focus,
                campus.region and campus.region.name,
            ],
        ),
        "partner": (
            Partner.objects.filter(live=True),
            lambda partner: [partner.name, partner.municipality, partner.website_domain],
        ),
        "region": (Area.objects.exclude(region=None), lambda area: [area.name]),
        "indicator": (Indicator.objects.all(), lambda indicator: [indicator.name]),
    }
    for kind, (objects, texts) in longest.items():
        for thing in with_longest_words(objects, texts):
            url = thing.url if hasattr(thing, "url") else thing.get_absolute_url()
            urls[f"{kind} {longest_word(*texts(thing))} letters"] = url
    return urls


def test_no_page_scrolls_sideways_at_320_css_px(page, live_server, site_data):
    page.set_viewport_size(NARROWEST)
    failures = []
    for name, path in reflow_urls().items():
        # Straight to the page, no axe run: the other browser tests check each page type.
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok, f"{path} answered {response.status}"
        assert response.headers["content-type"].startswith("text/html"), path
        overflow = page.evaluate(OVERFLOW)
        if overflow:
            failures.append(
                f"{name} ({path}): {overflow['scrollWidth']} px wide in "
                f"{overflow['clientWidth']}: " + "; ".join(overflow["elements"])
            )
    assert not failures, "Pages scroll sideways at 320 CSS px:\n" + "\n".join(failures)


def test_a_phone_shows_the_weekday_and_targets_big_enough(page, live_server, site_data):
    page.set_viewport_size(NARROWEST)
    month = page_urls()["agenda month"]
    page.goto(live_server.url + month)
    day = page.locator("td.month-grid__day:not(.month-grid__day--other)").first
    problems = []
    if not page.evaluate(VISIBLE_WEEKDAY, [day.element_handle(), WEEKDAY.pattern]):
        problems.append(f"{month}: a day of the month shows no weekday")

    # The month's follow form (radio buttons, a checkbox) and the signing form (checkboxes).
    kinds = set()
    for path in [month, extra_urls()["sign"]]:
        page.goto(live_server.url + path)
        for target in page.locator(
            ".form-field input[type=checkbox], .form-field input[type=radio]"
        ).all():
            kinds.add(target.get_attribute("type"))
            box = target.bounding_box()
            if box["width"] < SMALLEST_TARGET or box["height"] < SMALLEST_TARGET:
                problems.append(
                    f"{path} #{target.get_attribute('id')}: {box['width']}x{box['height']} px, "
                    f"less than {SMALLEST_TARGET}x{SMALLEST_TARGET}"
                )
    assert kinds == {"checkbox", "radio"}, kinds
    assert not problems, "At 320 CSS px wide:\n" + "\n".join(problems)


@pytest.mark.parametrize("window", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_open_data_page_does_not_scroll_sideways(visit, page, site_data, window):
    page.set_viewport_size(window)
    visit(OpenDataPage.objects.live().get().url)
    assert reverse("api:index") in page.content()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
