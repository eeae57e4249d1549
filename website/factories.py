import wagtail_factories

from .models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Standaardpagina"
    intro = "Een inleiding."

    class Meta:
        model = StandardPage
