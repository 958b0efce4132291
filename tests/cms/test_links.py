"""The services' link checker, against servers on this machine only."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from cms.models import LinkedService, LinkStatus, ServiceKind, SpaceKind
from cms.services.links import service_links_check
from cms.tasks import service_links_check as service_links_check_task
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}
    hits: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.hits.append(self.path)
        status, headers = self.routes.get(self.path, (404, {}))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


@pytest.fixture
def local_server(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    _Handler.routes, _Handler.hits = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Handler.routes
    server.shutdown()
    server.server_close()


@pytest.fixture
def staff(db):
    person = UserFactory(email="staff@campus.example")
    person.groups.add(Group.objects.get_or_create(name="Staff")[0])
    return person


def _service(url: str, name: str = "외부 서비스") -> LinkedService:
    return LinkedService.objects.create(
        space=SpaceKind.FINANCE, kind=ServiceKind.EXTERNAL, name=name, target_url=url
    )


def test_working_and_broken_links_are_recorded(local_server, staff):
    base, routes = local_server
    routes["/fine"] = (200, {})
    fine, gone = _service(f"{base}/fine", "정상"), _service(f"{base}/gone", "없음")
    broken = service_links_check()
    fine.refresh_from_db()
    gone.refresh_from_db()
    assert fine.link_status == LinkStatus.OK
    assert gone.link_status == LinkStatus.BROKEN and gone.link_error == "HTTP 404"
    assert broken == [gone]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staff@campus.example"]
    assert f"{base}/gone" in mail.outbox[0].body


def test_staff_hear_about_a_broken_link_once_not_every_night(local_server, staff):
    base, _routes = local_server
    _service(f"{base}/gone")
    service_links_check_task.delay()
    service_links_check_task.delay()
    assert len(mail.outbox) == 1


def test_a_redirect_into_a_private_address_is_refused_and_not_followed(
    local_server, staff
):
    base, routes = local_server
    routes["/jump"] = (302, {"Location": "http://10.1.2.3/admin"})
    service = _service(f"{base}/jump")
    service_links_check()
    service.refresh_from_db()
    assert service.link_status == LinkStatus.REFUSED


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.0.1/",
        "http://[::1]/",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(settings, url, staff):
    settings.OUTBOUND_ALLOWED_HOSTS = []
    service = _service(url)
    service_links_check()
    service.refresh_from_db()
    assert service.link_status == LinkStatus.REFUSED


def test_a_service_leading_to_our_own_view_is_not_fetched(local_server, staff):
    base, _routes = local_server
    LinkedService.objects.create(
        space=SpaceKind.FAB_LAB,
        kind=ServiceKind.EQUIPMENT_BOOKING,
        name="예약",
        target_view="bookings",
    )
    assert service_links_check() == []
    assert _Handler.hits == []
