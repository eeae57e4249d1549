"""Test factories shared by every app's factories."""

import factory
from django.utils.text import slugify

from .models import EconomicRegion, Region


def parental_relation(name):
    """Set a ParentalManyToMany in memory; the factory saves once, after all of them."""

    def setter(instance, create, extracted, **kwargs):
        if extracted is not None:
            setattr(instance, name, extracted)

    return factory.PostGeneration(setter)


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.LazyAttribute(lambda region: slugify(region.name))
    economic_region = EconomicRegion.MRA

    class Meta:
        model = Region
        django_get_or_create = ("slug",)


class SaveAfterRelationsFactory(factory.django.DjangoModelFactory):
    """For clusterable models: relations set in memory by `parental_relation`, then one save."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()
