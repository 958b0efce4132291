"""Reads for the site shell."""

from django.db.models import QuerySet

from .models import HomePage, TownIndexPage, TownSpacePage


def town_spaces_for_home(*, home: HomePage) -> QuerySet[TownSpacePage]:
    """The live spaces under the home page's town index, in menu order."""
    town = TownIndexPage.objects.child_of(home).live().first()
    if town is None:
        return TownSpacePage.objects.none()
    return TownSpacePage.objects.child_of(town).live().public().order_by("path")
