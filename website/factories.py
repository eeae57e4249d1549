import wagtail_factories

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_title = "Samen werken aan de technische arbeidsmarkt"
    intro = "Het platform van het manifest."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Standaardpagina"
    intro = "Een inleiding."

    class Meta:
        model = StandardPage
