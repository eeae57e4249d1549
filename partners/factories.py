import factory
from django.utils.text import slugify

from .models import (
    ActionLine,
    ActionTarget,
    EconomicRegion,
    Initiative,
    InitiativeStatus,
    ManifestAction,
    Partner,
    PartnerKind,
    Region,
    Theme,
)


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.LazyAttribute(lambda region: slugify(region.name))
    economic_region = EconomicRegion.MRA

    class Meta:
        model = Region
        django_get_or_create = ("slug",)


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda theme: slugify(theme.name))

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


class ActionLineFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"L{n}")
    title = factory.Sequence(lambda n: f"Actielijn {n}")
    goal = "Een doel van deze actielijn."

    class Meta:
        model = ActionLine
        django_get_or_create = ("code",)


class ManifestActionFactory(factory.django.DjangoModelFactory):
    agenda_number = factory.Sequence(lambda n: n + 1)
    line = factory.SubFactory(ActionLineFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    slug = factory.LazyAttribute(lambda action: slugify(f"{action.agenda_number}-{action.title}"))
    summary = "Korte samenvatting van de actie."

    class Meta:
        model = ManifestAction


class ActionTargetFactory(factory.django.DjangoModelFactory):
    action = factory.SubFactory(ManifestActionFactory)
    year = 2023
    deadline = "2023"
    text = "Een meetbaar doel."

    class Meta:
        model = ActionTarget


def parental_relation(name):
    """Set a ParentalManyToMany in memory; the factory saves once, after all of them."""

    def setter(instance, create, extracted, **kwargs):
        if extracted is not None:
            setattr(instance, name, extracted)

    return factory.PostGeneration(setter)


class PartnerFactory(factory.django.DjangoModelFactory):
    # Names must be unique after normalisation (Partner.name_key); Faker repeats itself.
    name = factory.Sequence(lambda n: f"{factory.Faker._get_faker('nl_NL').company()} {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = PartnerKind.BUSINESS
    website = factory.LazyAttribute(lambda partner: f"https://{partner.slug}.example.nl/")
    is_demo = True
    regions = parental_relation("regions")
    offers = parental_relation("offers")
    education_levels = parental_relation("education_levels")

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if extracted:
            self.sectors.set(extracted)

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A live initiative linked to one new action (pass `actions=[...]` to choose them)."""

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.LazyAttribute(lambda initiative: slugify(initiative.title))
    summary = "Een initiatief dat een manifestactie uitvoert."
    status = InitiativeStatus.RUNNING
    live = True
    is_demo = True

    actions = factory.PostGeneration(
        lambda initiative, create, extracted, **kwargs: setattr(
            initiative, "actions", extracted if extracted is not None else [ManifestActionFactory()]
        )
    )
    themes = parental_relation("themes")
    regions = parental_relation("regions")
    partners = parental_relation("partners")
    campuses = parental_relation("campuses")

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()
