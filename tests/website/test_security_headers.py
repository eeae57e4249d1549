"""Content-Security-Policy and Permissions-Policy on every response (settings, "Admin
hardening and CSP"; website.middleware), and public pages that need no inline code."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from core.blocks import BaseStreamBlock
from tests.roles import REDACTEUR, user_with_role
from tests.website.routes import public_routes

CSP = "Content-Security-Policy"


def directives(response):
    policy = response[CSP]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_public_pages_get_the_strict_policy(client, home_page):
    for response in (client.get(home_page.url), client.get("/bestaat-niet/")):
        policy = directives(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["frame-src"] == [
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ]
        # No nonce: a page from the full-page cache is as valid as a fresh one.
        assert "nonce" not in response[CSP]


def test_the_admin_works_under_its_own_policy(client, db):
    assert "'unsafe-inline'" in directives(client.get(reverse("wagtailadmin_login")))["script-src"]
    client.force_login(user_with_role(REDACTEUR, "redacteur"))
    policy = directives(client.get(reverse("wagtailadmin_home")))
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_browser_features_are_switched_off(client, home_page):
    header = client.get(home_page.url)["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()"
    assert features["fullscreen"].startswith("(self ")
    assert client.get(reverse("robots_txt"))["Permissions-Policy"] == header


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts (JSON-LD is data, not code),
    <style> elements, style and event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        inline_script = tag == "script" and "src" not in attributes
        if inline_script and attributes.get("type") != "application/ld+json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")


def test_public_pages_have_no_inline_scripts_or_styles(client, home_page):
    checked = 0
    for route in public_routes().values():
        response = client.get(route.path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        parser = InlineCode()
        parser.feed(response.content.decode())
        assert not parser.found, f"{route.path}: {parser.found}"
        checked += 1
    assert checked >= 15


@pytest.fixture
def youtube_video(db):
    url = "https://www.youtube.com/watch?v=abc123"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        title="Techniek in Noord-Holland",
        provider_name="YouTube",
        html='<iframe src="https://www.youtube.com/embed/abc123?feature=oembed" '
        'title="Techniek in Noord-Holland" allowfullscreen></iframe>',
    )
    return url


def test_videos_load_from_youtube_nocookie_and_only_after_a_click(youtube_video):
    body = BaseStreamBlock()
    html = body.render(body.to_python([{"type": "embed", "value": youtube_video}]))
    assert "www.youtube.com/embed" not in html
    player = html.split("<template data-video-player>")[1].split("</template>")[0]
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc123?feature=oembed"' in player
    assert html.count("<iframe") == 1
    assert "Video afspelen" in html
    assert f'<a href="{youtube_video}">Bekijk de video bij YouTube</a>' in html


def test_a_video_the_provider_cannot_describe_is_a_link(db):
    body = BaseStreamBlock()
    url = "https://video.example.invalid/1"
    html = body.render(body.to_python([{"type": "embed", "value": url}]))
    assert "<iframe" not in html
    assert f'<a href="{url}">Bekijk de video bij een andere website</a>' in html
