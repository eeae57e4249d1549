"""Blocks of the home page and the site settings; shared ones are in core.blocks."""

from wagtail import blocks


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="Pagina")
    # A card of its own words: a page's intro is written to open that page, not to invite.
    text = blocks.TextBlock(
        label="Korte tekst",
        max_length=160,
        help_text="Eén of twee zinnen (hooguit 160 tekens): wat de bezoeker op die pagina "
        "vindt of doet.",
    )

    class Meta:
        icon = "doc-full"
        label = "Uitgelichte pagina"
        template = "blocks/featured_page_block.html"
        description = "Een tegel op de homepagina die naar een pagina verwijst."


class TaskLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Knoptekst", max_length=40)
    page = blocks.PageChooserBlock(label="Pagina")
    # A page chooser reaches pages only: a filtered agenda or the signing form lies beyond.
    suffix = blocks.RegexBlock(
        regex=r"^[a-z0-9/-]*(\?[a-z0-9=&-]+)?$",
        label="Vervolg van het adres",
        required=False,
        help_text="Bijvoorbeeld ‘?soort=pet’ voor de agenda met alleen PET's, of "
        "‘ondertekenen/’ voor het formulier.",
        error_messages={
            "invalid": "Gebruik alleen kleine letters, cijfers en - / ? = &, zoals ‘?soort=pet’."
        },
    )


class TaskBlock(blocks.StructBlock):
    audience = blocks.CharBlock(label="Voor wie", max_length=40, help_text="Zoals ‘Voor scholen’.")
    links = blocks.ListBlock(TaskLinkBlock(), label="Knoppen", min_num=1, max_num=3)

    class Meta:
        icon = "user"
        label = "Taak"
        description = "Wat één groep bezoekers op de homepagina meteen kan doen."


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
