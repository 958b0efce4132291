"""The lookup form's inputs describe themselves with texts that exist."""

import pytest
from django.urls import reverse
from lxml import html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("data", [None, {"serial": "", "name": ""}])
def test_every_aria_describedby_points_at_an_element_of_the_page(client, data):
    url = reverse("certificates:verify-lookup")
    response = client.get(url) if data is None else client.post(url, data)
    tree = html.fromstring(response.content)
    described = tree.xpath("//form//*[@aria-describedby]")
    assert described
    for element in described:
        for ident in element.get("aria-describedby").split():
            assert tree.xpath(f'//*[@id="{ident}"]'), ident
