"""The platform's JWKS is read through the SSRF-safe fetcher of lms.core."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from lms.partners.lti.validation import LtiRefused, platform_key

from .lti_platform import FakePlatform


@pytest.fixture
def jwks_server():
    fake = FakePlatform()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = json.dumps(fake.jwks()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/jwks"
    yield fake
    server.shutdown()


def _register(fake):
    from lms.partners.lti.services import lti_platform_register

    return lti_platform_register(
        issuer=fake.issuer,
        client_id=fake.client_id,
        deployment_ids=["1"],
        auth_url=fake.issuer + "/auth",
        jwks_url=fake.url,
    )


def test_the_jwks_is_fetched_from_an_allowed_server(db, jwks_server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    platform = _register(jwks_server)
    kid = jwks_server.keys[0][0]
    assert platform_key(platform, kid)["kid"] == kid


def test_a_jwks_url_into_the_private_network_is_refused(db, jwks_server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = []
    platform = _register(jwks_server)
    with pytest.raises(LtiRefused) as refused:
        platform_key(platform, jwks_server.keys[0][0])
    assert refused.value.status == 424
