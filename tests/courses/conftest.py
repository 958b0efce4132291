import pytest

from ..factories import catalog_create


@pytest.fixture
def catalog(db):
    """The course catalog, served under the default site's home page."""
    return catalog_create()
