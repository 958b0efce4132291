"""A local fake OAuth 2.0 provider for the sign-in tests (never the real ones).

It runs in a thread on 127.0.0.1 and plays Kakao or Naver: `/authorize` issues
a one-time code for the profile the test chose and redirects back with the
state; `/token` exchanges a code once for an access token (a replayed code is
refused with `invalid_grant`, as real providers do); `/me` serves the profile
in the provider's own JSON shape for a valid bearer token. `outage` makes every
endpoint answer 503.
"""

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit


def kakao_profile(uid: int, *, nickname: str, email: str | None = None) -> dict:
    """Kakao's /v2/user/me shape; without `email` when the person withheld it."""
    account: dict = {
        "profile_nickname_needs_agreement": False,
        "profile": {"nickname": nickname, "is_default_nickname": False},
    }
    if email:
        account.update(
            {
                "has_email": True,
                "email_needs_agreement": False,
                "is_email_valid": True,
                "is_email_verified": True,
                "email": email,
            }
        )
    else:
        account.update({"has_email": False})
    return {
        "id": uid,
        "connected_at": "2026-12-01T01:02:03Z",
        "properties": {"nickname": nickname},
        "kakao_account": account,
    }


def naver_profile(uid: str, *, name: str, email: str) -> dict:
    """Naver's /v1/nid/me shape: the person sits under "response"."""
    return {
        "resultcode": "00",
        "message": "success",
        "response": {
            "id": uid,
            "nickname": name,
            "name": name,
            "email": email,
            "profile_image": "https://example.invalid/avatar.png",
        },
    }


class FakeOAuthServer:
    def __init__(self):
        self.profile: dict = {}
        self.codes: dict[str, dict] = {}  # code -> profile, until used
        self.used_codes: set[str] = set()
        self.tokens: dict[str, dict] = {}
        self.outage = False
        self.token_requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict | None = None, headers=None):
                payload = json.dumps(body or {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):  # noqa: N802
                if server.outage:
                    return self._answer(503, {"error": "unavailable"})
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    server.codes[code] = dict(server.profile)
                    target = (
                        query["redirect_uri"]
                        + "?"
                        + urlencode({"code": code, "state": query["state"]})
                    )
                    return self._answer(302, {}, {"Location": target})
                if url.path == "/me":
                    token = self.headers.get("Authorization", "").removeprefix(
                        "Bearer "
                    )
                    if token not in server.tokens:
                        return self._answer(
                            401, {"msg": "this access token is invalid"}
                        )
                    return self._answer(200, server.tokens[token])
                return self._answer(404)

            def do_POST(self):  # noqa: N802
                if server.outage:
                    return self._answer(503, {"error": "unavailable"})
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                form = {k: v[0] for k, v in parse_qs(raw).items()}
                server.token_requests.append(form)
                if urlsplit(self.path).path != "/token":
                    return self._answer(404)
                code = form.get("code", "")
                if code in server.used_codes or code not in server.codes:
                    return self._answer(
                        400,
                        {
                            "error": "invalid_grant",
                            "error_description": "authorization code not found",
                        },
                    )
                server.used_codes.add(code)
                profile = server.codes.pop(code)
                token = secrets.token_urlsafe(24)
                server.tokens[token] = profile
                return self._answer(
                    200,
                    {
                        "access_token": token,
                        "token_type": "bearer",
                        "refresh_token": secrets.token_urlsafe(24),
                        "expires_in": 21599,
                    },
                )

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
