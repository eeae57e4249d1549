"""Blocks of the home page and the site settings; shared ones are in core.blocks."""

from wagtail import blocks


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="Pagina")
    text = blocks.TextBlock(
        label="Tekst",
        required=False,
        help_text="Laat leeg om de inleiding van de pagina te gebruiken.",
    )

    class Meta:
        icon = "doc-full"
        label = "Uitgelichte pagina"
        template = "blocks/featured_page_block.html"
        description = "Een tegel op de homepagina die naar een pagina verwijst."


SOCIAL_PLATFORMS = [
    ("linkedin", "LinkedIn"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("facebook", "Facebook"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
]


class SocialLinkValue(blocks.StructValue):
    def platform_label(self):
        return dict(SOCIAL_PLATFORMS).get(self.get("platform"), self.get("platform"))


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(label="Platform", choices=SOCIAL_PLATFORMS)
    url = blocks.URLBlock(label="Link")

    class Meta:
        icon = "link"
        label = "Sociale-medialink"
        value_class = SocialLinkValue
