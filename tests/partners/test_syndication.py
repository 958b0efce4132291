"""Partner courses in our catalog: published by the API or pulled from the
partner's feed (through the safe fetcher); updates and withdrawals propagate."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from lms.partners.errors import PartnerError
from lms.partners.models import PartnerCourse
from lms.partners.services.syndication import partner_feed_pull
from lms.partners.tasks import partner_feeds_pull

pytestmark = pytest.mark.django_db

COURSE = {
    "title": "지역 혁신과 대학",
    "summary": "대학과 지역 사회적경제의 협력",
    "url": "https://hanbit.example/courses/ri",
    "learning_mode": "formal",
    "delivery": "online",
    "level": "intermediate",
    "course_language": "ko",
}


class _Feed(BaseHTTPRequestHandler):
    body = b"{}"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


@pytest.fixture
def feed(settings, partner_a):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    partner_a.course_feed_url = f"http://127.0.0.1:{server.server_address[1]}/feed"
    partner_a.save()

    def serve(courses):
        _Feed.body = json.dumps({"courses": courses}).encode()

    yield serve
    server.shutdown()
    server.server_close()


def test_publish_update_and_withdraw_through_the_api(
    api_a, catalog, client, django_capture_on_commit_callbacks
):
    url = reverse("api:partner-course", args=["ri-101"])
    assert api_a.put(url, COURSE, format="json").status_code == 201
    assert (
        api_a.put(url, {**COURSE, "title": "지역 혁신"}, format="json").status_code
        == 200
    )
    page = client.get(catalog.url).content.decode()
    assert "지역 혁신" in page and "한빛대학교" in page
    assert "https://hanbit.example/courses/ri" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert api_a.delete(url).json()["listed"] is False
    assert (
        "https://hanbit.example/courses/ri"
        not in client.get(catalog.url).content.decode()
    )


def test_invalid_course_is_a_400_problem(api_a):
    url = reverse("api:partner-course", args=["x"])
    response = api_a.put(url, {**COURSE, "delivery": "moon"}, format="json")
    assert response.status_code == 400
    assert "delivery" in response.json()["errors"]


def test_publishing_needs_the_scope(api_for, partner_a, agreement_a):
    api = api_for(partner_a, ["catalog:read"])
    response = api.put(reverse("api:partner-course", args=["x"]), COURSE, format="json")
    assert response.status_code == 403


def test_partner_b_cannot_withdraw_as_course(api_a, api_b):
    api_a.put(reverse("api:partner-course", args=["c1"]), COURSE, format="json")
    assert api_b.delete(reverse("api:partner-course", args=["c1"])).status_code == 404
    assert PartnerCourse.objects.get().withdrawn_at is None


def test_catalog_filters_partner_courses(api_a, catalog, client):
    api_a.put(reverse("api:partner-course", args=["c1"]), COURSE, format="json")
    assert (
        "지역 혁신과 대학"
        in client.get(catalog.url, {"delivery": "online"}).content.decode()
    )
    assert (
        "지역 혁신과 대학"
        not in client.get(catalog.url, {"delivery": "residential"}).content.decode()
    )


def test_feed_pull_publishes_updates_and_withdraws(partner_a, feed):
    feed([{"id": "a", **COURSE}, {"id": "b", **COURSE, "title": "B"}])
    assert partner_feed_pull(institution=partner_a) == {"published": 2, "withdrawn": 0}
    feed([{"id": "a", **COURSE, "title": "A2"}])
    assert partner_feeds_pull.apply().get() == {
        "hanbit": {"published": 1, "withdrawn": 1}
    }
    listed = PartnerCourse.objects.listed()
    assert [course.title for course in listed] == ["A2"]


def test_bad_feed_changes_nothing(partner_a, feed):
    feed([{"id": "a", **COURSE}])
    partner_feed_pull(institution=partner_a)
    feed([{"id": "b", **COURSE, "url": "javascript:alert(1)"}])
    with pytest.raises(PartnerError):
        partner_feed_pull(institution=partner_a)
    assert [c.external_id for c in PartnerCourse.objects.listed()] == ["a"]


def test_feed_on_a_private_address_is_refused(partner_a):
    partner_a.course_feed_url = "http://10.1.2.3/feed"
    partner_a.save()
    with pytest.raises(PartnerError):
        partner_feed_pull(institution=partner_a)


def test_catalog_queries_stay_flat_with_partner_courses(
    api_a, catalog, client, user, django_assert_num_queries
):
    client.force_login(user)  # past the anonymous page cache
    client.get(catalog.url)
    with django_assert_num_queries(99, exact=False) as first:
        client.get(catalog.url)
    before = len(first.captured_queries)
    for n in range(5):
        api_a.put(reverse("api:partner-course", args=[f"c{n}"]), COURSE, format="json")
    client.get(catalog.url)
    with django_assert_num_queries(before):
        client.get(catalog.url)
