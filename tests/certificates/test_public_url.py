"""Every absolute URL names the one public base URL (lms.core.site_url): the
SITE_URL setting, or, when it is empty in development, the host of the request."""

import io

import pypdf
import pytest
from django.urls import reverse
from lxml import etree

from cms.demo import seed_site

pytestmark = pytest.mark.django_db


def test_without_site_url_the_share_link_names_the_host_that_serves_the_page(
    client, settings, issued, learner
):
    settings.SITE_URL = ""
    client.force_login(learner)
    body = client.get(
        reverse("certificates:wallet"), HTTP_HOST="127.0.0.1:8200"
    ).content.decode()
    assert f"http://127.0.0.1:8200/verify/{issued.code}" in body
    assert "127.0.0.1:8000" not in body


def test_a_certificate_issued_before_a_change_of_host_still_verifies(
    client, settings, issued, learner
):
    """The certificate keeps its code; its link is built when shown."""
    settings.SITE_URL = "https://campus.example.kr"
    client.force_login(learner)
    body = client.get(reverse("certificates:wallet")).content.decode()
    assert f"https://campus.example.kr/verify/{issued.code}" in body
    assert "campus.example.org" not in body
    client.logout()
    assert client.get(f"/verify/{issued.code}").status_code == 200


def test_the_pdf_drawn_during_a_request_names_the_request_host(rf, settings, issued):
    """No SITE_URL: a PDF drawn while serving a request (a download, a hand
    issue with eager tasks) names the host the request came to."""
    from certificates.pdf import certificate_pdf_render
    from lms.core.site_url import PublicBaseUrlMiddleware

    settings.SITE_URL = ""
    drawn = {}

    def view(request):
        drawn["pdf"] = certificate_pdf_render(issued)
        return None

    PublicBaseUrlMiddleware(view)(rf.get("/", HTTP_HOST="127.0.0.1:8200"))
    text = pypdf.PdfReader(io.BytesIO(drawn["pdf"])).pages[0].extract_text()
    assert f"http://127.0.0.1:8200/verify/{issued.code}" in text.replace("\n", "")


def test_the_sitemap_names_the_public_host_not_the_wagtail_site(client, settings):
    seed_site()
    settings.SITE_URL = "https://campus.example.kr"
    response = client.get(reverse("sitemap"))
    locations = [el.text for el in etree.fromstring(response.content).iter("{*}loc")]
    assert locations
    assert all(url.startswith("https://campus.example.kr/") for url in locations)


def test_without_site_url_the_sitemap_names_the_request_host(client, settings):
    seed_site()
    settings.SITE_URL = ""
    response = client.get(reverse("sitemap"), HTTP_HOST="127.0.0.1:8200")
    locations = [el.text for el in etree.fromstring(response.content).iter("{*}loc")]
    assert all(url.startswith("http://127.0.0.1:8200/") for url in locations)


def test_outside_a_request_the_base_is_what_make_run_serves(settings):
    from lms.core.site_url import absolute_url

    settings.SITE_URL = ""
    assert absolute_url("/verify/x") == "http://127.0.0.1:8000/verify/x"
    settings.SITE_URL = "https://campus.example.kr/"
    assert absolute_url("/verify/x") == "https://campus.example.kr/verify/x"
    assert (
        absolute_url("http://localhost/town/?a=1")
        == "https://campus.example.kr/town/?a=1"
    )
