"""An LTI launch from a partner platform's page that frames Campus: with
third-party cookies allowed it completes inside the frame, under Campus's CSP
and with nothing for axe to find there; with the browser blocking them (as
Safari does) the launch is refused inside the frame and completes in a new
window. The platform is the fake of
tests/partners on an HTTP server of its own (127.0.0.1, another site than
Campus on localhost), signing real id_tokens for the live Campus server."""

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from ..partners.lti_platform import LTI, FakePlatform
from .conftest import CHROMIUM, CHROMIUM_ARGS, axe_inject

META = 'meta[name="lti-launch"][content="ok"]'
DESKTOP = {"width": 1280, "height": 800}


def _platform_server(site):
    """The partner's course page (framing Campus) and its OIDC auth endpoint,
    which signs the launch and posts it back, as Moodle or Canvas do; a real
    HTTP server (a redirect from Campus must reach it)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            url = urlsplit(self.path)
            fake, lesson = site["fake"], site["lesson"]
            if url.path == "/auth":
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                claims = fake.claims(
                    nonce=query["nonce"],
                    **{LTI + "custom": {"campus_page": str(lesson.pk)}},
                )
                body = (
                    '<!DOCTYPE html><html lang="en"><head><title>Auth</title></head>'
                    f'<body><form method="post" action="{query["redirect_uri"]}">'
                    f'<input type="hidden" name="id_token" value="{fake.sign(claims)}">'
                    f'<input type="hidden" name="state" value="{query["state"]}">'
                    "</form><script>document.forms[0].submit()</script></body></html>"
                )
            else:
                body = (
                    '<!DOCTYPE html><html lang="en"><head><title>Partner LMS</title>'
                    "</head><body><main><h1>Partner LMS</h1>"
                    f'<iframe title="Campus" src="{site["login"]}" '
                    'style="width:900px;height:600px"></iframe></main></body></html>'
                )
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def lti_site(live_server):
    """A registered fake platform on a server of its own (127.0.0.1, another
    site than Campus on localhost), keys given so Campus fetches nothing."""
    from courses.models import LessonPage

    from ..factories import CourseRunFactory, catalog_create, course_tree_create

    course = course_tree_create(index=catalog_create(), modules=1, lessons=1)
    CourseRunFactory(course=course)
    site = {"lesson": LessonPage.objects.get(), "url": live_server.url}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _platform_server(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    issuer = f"http://127.0.0.1:{server.server_address[1]}"
    fake = FakePlatform(issuer=issuer)
    registration = fake.register(jwks=fake.jwks())
    site["fake"] = fake
    site["course_page"] = issuer + "/course/view.php"
    site["login"] = f"{live_server.url}/lti/login/{registration.uuid}/?" + urlencode(
        {
            "iss": issuer,
            "login_hint": "student-7",
            "target_link_uri": live_server.url + "/lti/launch/",
            "client_id": fake.client_id,
        }
    )
    yield site
    server.shutdown()


@contextmanager
def chromium(*extra_args, profile=None):
    """A Chromium of the test's own: the partner's page on 127.0.0.1 frames
    Campus on localhost, which Chromium's local network access checks would
    block (a real partner is on the public internet, as Campus is).

    Its contexts are off the record, where Chromium blocks third-party
    cookies; with `profile` (a directory) the context is an ordinary profile's
    whose preferences allow them, as a desktop browser's settings may."""
    from playwright.sync_api import sync_playwright

    options = {
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            *CHROMIUM_ARGS,
            "--disable-features=LocalNetworkAccessChecks",
            *extra_args,
        ],
    }
    with sync_playwright() as playwright:
        if profile is not None:
            (profile / "Default").mkdir(parents=True)
            (profile / "Default" / "Preferences").write_text(
                json.dumps({"profile": {"cookie_controls_mode": 0}})
            )
            context = playwright.chromium.launch_persistent_context(
                str(profile), locale="en-US", viewport=DESKTOP, **options
            )
            close = context.close
        else:
            browser = playwright.chromium.launch(**options)
            context = browser.new_context(locale="en-US", viewport=DESKTOP)
            close = browser.close
        try:
            context.set_default_timeout(15_000)
            yield context
        finally:
            close()


def test_with_third_party_cookies_blocked_a_new_window_completes_the_launch(
    lti_site,
):
    with chromium("--test-third-party-cookie-phaseout") as context:
        page = context.new_page()
        page.goto(lti_site["course_page"])
        frame = page.frame_locator("iframe")
        link = frame.locator("#lti-new-window")
        link.wait_for()
        assert frame.locator(META).count() == 0  # refused inside the frame
        with page.expect_popup() as opened:
            link.click()
        popup = opened.value
        popup.locator(META).wait_for(state="attached")
        assert popup.locator("h1").inner_text() == lti_site["lesson"].title


def _csp_violations(page):
    """What Chromium reports on the console, from the page or any of its
    frames, as the `page` fixture of conftest.py collects it."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return violations


def test_a_launch_completes_inside_the_platforms_frame(lti_site, axe_js, tmp_path):
    with chromium(profile=tmp_path / "profile") as context:
        page = context.new_page()
        violations = _csp_violations(page)
        page.goto(lti_site["course_page"])
        frame = page.frame_locator("iframe")
        frame.locator(META).wait_for(state="attached")
        assert frame.locator("h1").inner_text() == lti_site["lesson"].title
        assert frame.locator("#lti-new-window").count() == 0  # no fallback needed
        # the frame's document is Campus's lesson, on Campus's own origin
        (campus,) = [f for f in page.frames if f.url.startswith(lti_site["url"])]
        assert campus.parent_frame == page.main_frame
        assert campus.locator(META).count() == 1
        axe_inject(campus, axe_js)
        result = campus.evaluate("() => axe.run()")
        assert result["passes"], "axe-core ran no checks"
        found = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "nodes": [n["target"] for n in v["nodes"]],
            }
            for v in result["violations"]
        ]
        assert not found, json.dumps(found, ensure_ascii=False, indent=2)
    assert not violations, "CSP violations:\n" + "\n".join(violations)
