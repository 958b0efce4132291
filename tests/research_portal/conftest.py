import pytest
from wagtail.models import Locale, Page, Site

from cms.models import HomePage

from ..factories.research import (
    index_create,
    person_create,
    series_create,
    topic_create,
)


@pytest.fixture
def home(db):
    """A Korean home page at / and its English translation at /en/ (the demo
    site's shape, without its town pages)."""
    ko, _ = Locale.objects.get_or_create(language_code="ko")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePage(title="캠퍼스", slug="home", hero_title="캠퍼스", locale=ko)
    root.add_child(instance=home)
    home.save_revision().publish()
    english = home.copy_for_translation(en, copy_parents=False, alias=False)
    english.slug = "home-en"
    english.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True
    )
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.save()
    return home


@pytest.fixture
def index(home):
    """The publication index in Korean, with its English translation."""
    index_ko = index_create(parent=home)
    home_en = home.get_translation(Locale.objects.get(language_code="en"))
    index_ko.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=False
    )
    index_en = index_ko.get_translation(Locale.objects.get(language_code="en"))
    index_en.title = "Research publications"
    index_en.save_revision().publish()
    assert index_en.get_parent().pk == home_en.pk
    return index_ko


@pytest.fixture
def author(db):
    return person_create(
        name="최지훈",
        name_en="Jihoon Choi",
        family_name_en="Choi",
        slug="jihoon-choi",
        orcid="0000-0002-1825-0097",
        email="jihoon@example.org",
    )


@pytest.fixture
def topic(db):
    return topic_create(name="협동조합", name_en="Cooperatives", slug="cooperatives")


@pytest.fixture
def series(db):
    return series_create(
        name="전북연구원 정책브리프",
        name_en="Jeonbuk Research Institute Policy Brief",
        slug="jbri-policy-brief",
        issn="2508-0008",
        publisher="전북연구원",
    )
