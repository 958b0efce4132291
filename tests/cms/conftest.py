import pytest

from cms.demo import seed_site


@pytest.fixture
def site_pages(db):
    """The demo site: Korean home at /, English at /en/, the town and its spaces."""
    return seed_site()
