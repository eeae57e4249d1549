"""The one StreamField vocabulary shared by every page type (bakerydemo's BaseStreamBlock)."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tekst", max_length=120)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Kop 2"), ("h3", "Kop 3"), ("h4", "Kop 4")],
        default="h2",
        help_text="Gebruik kopniveaus op volgorde, zodat schermlezers de structuur volgen.",
    )

    class Meta:
        icon = "title"
        label = "Kop"
        template = "blocks/heading_block.html"
        description = "Een tussenkop die de pagina in delen opsplitst."
        preview_value = {"text": "Samen werken aan techniek", "level": "h2"}


class DutchImageBlock(ImageBlock):
    """Wagtail's ImageBlock, whose chooser Wagtail labels "Image" in every language."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = self.child_blocks["image"]
        chooser.label = chooser.meta.label = "Afbeelding uit de bibliotheek"


class CaptionedImageBlock(blocks.StructBlock):
    image = DutchImageBlock(label="Afbeelding")
    caption = blocks.CharBlock(label="Onderschrift", required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Afbeelding"
        template = "blocks/image_block.html"
        description = "Een afbeelding met verplichte alt-tekst en een optioneel onderschrift."


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citaat")
    attribution = blocks.CharBlock(label="Wie zegt het", required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = "Citaat"
        template = "blocks/quote_block.html"
        description = "Een uitspraak van een partner of betrokkene."
        preview_value = {
            "text": "Techniek leer je het best waar het werk gebeurt.",
            "attribution": "Docent mbo-techniek",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel", max_length=120)
    text = blocks.TextBlock(label="Tekst", required=False)
    page = blocks.PageChooserBlock(label="Pagina", required=False)
    url = blocks.URLBlock(label="Of een externe link", required=False)
    button_label = blocks.CharBlock(label="Knoptekst", max_length=60)

    class Meta:
        icon = "pick"
        label = "Oproep tot actie"
        template = "blocks/call_to_action_block.html"
        description = "Een opvallend blok met één duidelijke vervolgstap."
        preview_value = {
            "title": "Onderteken het manifest",
            "text": "Laat zien dat uw organisatie meedoet.",
            "url": "https://example.org/",
            "button_label": "Naar het formulier",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Kies een pagina of vul een link in.")}
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Alinea",
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/paragraph_block.html",
        description="Lopende tekst met opmaak en links.",
        preview_value="<p>Noord-Holland werkt samen aan een sterke technische arbeidsmarkt.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        label="Video of embed",
        icon="media",
        help_text="Link naar een video (bijv. YouTube of Vimeo).",
        template="blocks/embed_block.html",
        description="Een video of andere ingesloten inhoud via een link.",
    )
    table = TableBlock(
        label="Tabel",
        template="blocks/table_block.html",
        description="Een eenvoudige tabel; de eerste rij is de kop.",
        table_options={"startRows": 3, "startCols": 3},
    )
