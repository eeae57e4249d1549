"""The admin's image form: Wagtail's own (WAGTAILIMAGES_IMAGE_FORM_BASE names it), with an image
field that refuses a damaged file with a message instead of a server error. Apart from
core/forms.py, which apps import while models load: Wagtail's image form needs them loaded."""

from wagtail.images.forms import BaseImageForm

from .forms import DamageRefusingImageField


class ImageForm(BaseImageForm):
    """Wagtail builds its image forms (add, edit, multiple upload, chooser upload) on this
    class, and its own image field for "file" with them, which a form class cannot declare
    instead: a declared field would also appear in the forms that leave the file out. So
    the field is exchanged where the form has one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"] = DamageRefusingImageField.like(self.fields["file"])
