import pytest
from wagtail.models import Locale

from cms.demo import seed_site

from .factories import index_create, person_create, series_create, topic_create


@pytest.fixture
def home(db):
    """The demo site: Korean home at /, English at /en/."""
    return seed_site()


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
