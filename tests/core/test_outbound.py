"""The SSRF-safe fetcher, against servers on this machine only."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lms.core.outbound import (
    OutboundError,
    OutboundRefused,
    outbound_fetch,
    outbound_url_check,
)


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def log_message(self, *args):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        received = self.rfile.read(length) if length else b""
        status, headers, body = self.routes.get(self.path, (404, {}, b"missing"))
        if callable(body):
            body = body(self, received)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A client that gave up (size limit, timeout) is what the test wants."""


@pytest.fixture
def local_server():
    _Handler.routes = {}
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield base, _Handler.routes
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_loopback(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://2130706433/",  # 127.0.0.1 written as one number
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://0.0.0.0/",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with pytest.raises(OutboundRefused):
        outbound_url_check(url)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/", "gopher://x/", "javascript:alert(1)"],
)
def test_only_http_and_https_are_allowed(url):
    with pytest.raises(OutboundRefused) as refused:
        outbound_url_check(url)
    assert "http" in str(refused.value.message)


def test_credentials_in_the_url_are_refused():
    with pytest.raises(OutboundRefused):
        outbound_url_check("http://user:secret@93.184.215.14/")


def test_a_public_address_passes_the_check_without_connecting():
    scheme, host, port, address = outbound_url_check("https://93.184.215.14:8443/x")
    assert (scheme, host, port, address) == (
        "https",
        "93.184.215.14",
        8443,
        "93.184.215.14",
    )


def test_loopback_server_is_refused_unless_allow_listed(local_server, settings):
    base, routes = local_server
    routes["/hello"] = (200, {"Content-Type": "text/plain"}, b"hi")
    with pytest.raises(OutboundRefused):
        outbound_fetch(f"{base}/hello")
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.0/8"]
    response = outbound_fetch(f"{base}/hello")
    assert (response.status, response.body, response.ok) == (200, b"hi", True)
    assert response.headers["content-type"] == "text/plain"


def test_post_sends_body_and_headers(local_server, allow_loopback):
    base, routes = local_server

    def echo(handler, received):
        return handler.headers["X-Signature"].encode() + b"|" + received

    routes["/hook"] = (202, {}, echo)
    response = outbound_fetch(
        f"{base}/hook", method="POST", headers={"X-Signature": "abc"}, body="{}"
    )
    assert response.status == 202
    assert response.body == b"abc|{}"


def test_non_2xx_is_returned_not_raised(local_server, allow_loopback):
    base, _routes = local_server
    response = outbound_fetch(f"{base}/nowhere")
    assert response.status == 404
    assert not response.ok


def test_redirects_are_followed_and_each_hop_is_vetted(local_server, allow_loopback):
    base, routes = local_server
    routes["/a"] = (302, {"Location": "/b"}, b"")
    routes["/b"] = (200, {}, b"arrived")
    response = outbound_fetch(f"{base}/a")
    assert response.body == b"arrived"
    assert response.url == f"{base}/b"


@pytest.mark.parametrize(
    "target",
    ["http://127.0.0.2/", "http://169.254.169.254/", "http://[::1]/", "file:///etc"],
)
def test_a_redirect_into_a_private_address_is_refused(
    local_server, allow_loopback, target
):
    base, routes = local_server
    routes["/jump"] = (302, {"Location": target}, b"")
    with pytest.raises(OutboundRefused):
        outbound_fetch(f"{base}/jump")


def test_redirect_loops_stop(local_server, allow_loopback):
    base, routes = local_server
    routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(OutboundError):
        outbound_fetch(f"{base}/loop", max_redirects=2)


def test_a_body_over_the_limit_is_refused(local_server, allow_loopback):
    base, routes = local_server
    routes["/big"] = (200, {}, b"x" * 5000)
    with pytest.raises(OutboundError) as error:
        outbound_fetch(f"{base}/big", max_bytes=1000)
    assert error.value.status == 502


def test_a_slow_server_times_out(local_server, allow_loopback):
    base, routes = local_server

    def slow(handler, received):
        time.sleep(1.5)
        return b"late"

    routes["/slow"] = (200, {}, slow)
    with pytest.raises(OutboundError):
        outbound_fetch(f"{base}/slow", timeout=0.3)


def test_a_closed_port_is_an_error_not_a_crash(allow_loopback):
    with pytest.raises(OutboundError):
        outbound_fetch("http://127.0.0.1:9/", timeout=0.5)
