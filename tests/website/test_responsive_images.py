"""Content images are served as <picture> with AVIF and WebP sources and a srcset; every
<img> on a public page has its width and height, and images below the fold load lazily."""

import re

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from tests.images import png_bytes
from website.factories import StandardPageFactory


def photo():
    import io

    return get_image_model().objects.create(
        title="Leerlingen in de werkplaats",
        description="Leerlingen bouwen een robot in de werkplaats",
        file=ImageFile(io.BytesIO(png_bytes(size=(1600, 1000))), name="werkplaats.png"),
    )


def img_tags(html):
    return re.findall(r"<img\b[^>]*>", html)


def test_the_home_hero_is_a_picture_with_modern_formats(client, home_page):
    home_page.hero_image = photo()
    home_page.save_revision().publish()
    html = client.get(home_page.url).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/avif"' in picture
    assert 'type="image/webp"' in picture
    assert "srcset=" in picture and "sizes=" in picture
    [img] = img_tags(picture)
    # The smallest rendition's size: the browser reserves the space from its aspect ratio.
    assert 'width="360"' in img and 'height="240"' in img
    assert 'loading="eager"' in img  # above the fold
    assert 'alt="Leerlingen bouwen een robot in de werkplaats"' in img


def test_a_body_image_loads_lazily_with_width_and_height(client, home_page):
    image = photo()
    page = StandardPageFactory(
        parent=home_page,
        title="Met foto",
        body=[("image", {"image": {"image": image, "alt_text": "", "decorative": False}})],
    )
    html = client.get(page.url).content.decode()
    assert "<picture>" in html
    for img in img_tags(html):
        assert "width=" in img and "height=" in img, img
    assert any('loading="lazy"' in img for img in img_tags(html))
