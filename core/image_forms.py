"""The admin's image form: Wagtail's own (WAGTAILIMAGES_IMAGE_FORM_BASE names it), with an image
field that refuses a damaged file with a message instead of a server error."""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

DAMAGED_IMAGE_MESSAGE = (
    "Dit bestand is beschadigd of geen volledige afbeelding. Sla het opnieuw op als PNG, JPEG "
    "of WebP en probeer het nog eens."
)


class DamageRefusingImageField(WagtailImageField):
    """Wagtail's image field, which opens an upload from its header and decodes it only for its
    pixel count: a file whose header is whole but whose data is cut short or corrupt then
    raises Pillow's own error (OSError "image file is truncated", SyntaxError, ValueError)
    rather than a ValidationError. Here it is refused as damaged."""

    default_error_messages = {"damaged": DAMAGED_IMAGE_MESSAGE}

    @classmethod
    def like(cls, field):
        """This field set up as Wagtail set up `field` for the form (label, whether it is
        required, the longest file name, the widget with the attributes the form gave it)."""
        return cls(
            label=field.label,
            required=field.required,
            max_length=field.max_length,
            widget=field.widget,
        )

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(self.error_messages["damaged"], code="damaged") from error


class ImageForm(BaseImageForm):
    """Wagtail builds its image forms (add, edit, multiple upload, chooser upload) on this
    class, and its own image field for "file" with them, which a form class cannot declare
    instead: a declared field would also appear in the forms that leave the file out. So
    the field is exchanged where the form has one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"] = DamageRefusingImageField.like(self.fields["file"])
