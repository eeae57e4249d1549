"""What the partner directory's pages show, for the tests that read them."""

import re

CARD_LINK = re.compile(r'<h3 class="card__title"><a href="[^"]*/([^/"]+)/">')
