"""The development server's media route (DEBUG only) never serves an original image."""

import importlib.util
import sys

import pytest

import website.urls

DEBUG_URLCONF = "tests_website_urls_with_debug"


@pytest.fixture
def uploads(settings, tmp_path):
    """A media folder of this test's own: the initial content's files stay as they are."""
    settings.MEDIA_ROOT = str(tmp_path)
    for name in ["original_images/logo.png", "images/logo.width-400.png"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"not really a PNG")


@pytest.fixture
def debug_urls(settings, uploads):
    """website/urls.py as the development server loads it: with DEBUG on."""
    settings.DEBUG = True
    spec = importlib.util.spec_from_file_location(DEBUG_URLCONF, website.urls.__file__)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "website"
    spec.loader.exec_module(module)
    sys.modules[DEBUG_URLCONF] = module
    settings.ROOT_URLCONF = DEBUG_URLCONF
    yield
    del sys.modules[DEBUG_URLCONF]


def test_renditions_are_served(client, debug_urls):
    response = client.get("/media/images/logo.width-400.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"not really a PNG"


@pytest.mark.parametrize(
    "path",
    [
        "/media/original_images/logo.png",
        "/media//original_images/logo.png",
        "/media/./original_images/logo.png",
        "/media/images/../original_images/logo.png",
        "/media/%2Foriginal_images/logo.png",
        "/media/.%2Foriginal_images/logo.png",
        "/media/images%2F..%2Foriginal_images%2Flogo.png",
        "/media/images/..%2F..%2Fwebsite%2Furls.py",
    ],
)
def test_originals_and_paths_out_of_media_are_refused(client, db, debug_urls, path):
    assert client.get(path).status_code == 404
