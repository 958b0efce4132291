"""An in-process LTI 1.3 platform for the tests: its own RSA keys and JWKS, an
OIDC auth step that signs real id_tokens, a token endpoint and NRPS and AGS
services, answered through the tool's outbound transport (no network)."""

import json
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

LTI = "https://purl.imsglobal.org/spec/lti/claim/"


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    url: str = ""

    def json(self):
        return json.loads(self.body)


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakePlatform:
    """A Moodle/Canvas stand-in. `fail` maps a path to statuses answered first
    (e.g. {"/token": [503]}) before the service answers normally."""

    def __init__(self, *, issuer="https://lms.partner.example", client_id="campus-1"):
        self.issuer = issuer
        self.client_id = client_id
        self.deployment_id = "deployment-1"
        self.keys = [(f"k{secrets.token_hex(3)}", _key())]
        self.fail: dict[str, list[int]] = {}
        self.requests: list[tuple[str, str, dict, bytes]] = []
        self.members: list[dict] = []
        self.page_size = 2
        self.line_items: dict[str, dict] = {}
        self.scores: list[dict] = []
        self.tokens_issued = 0

    # --- registration -------------------------------------------------------------
    def register(self, **extra):
        from lms.partners.lti.services import lti_platform_register

        return lti_platform_register(
            issuer=self.issuer,
            client_id=self.client_id,
            deployment_ids=[self.deployment_id],
            auth_url=self.issuer + "/auth",
            jwks_url=self.issuer + "/jwks",
            token_url=self.issuer + "/token",
            **extra,
        )

    def openid_configuration(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/auth",
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "registration_endpoint": self.issuer + "/register",
            "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                "product_family_code": "moodle",
                "version": "4.5",
            },
        }

    def rotate(self):
        self.keys.insert(0, (f"k{secrets.token_hex(3)}", _key()))

    def jwks(self):
        keys = []
        for kid, key in self.keys:
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
            keys.append({**jwk, "kid": kid, "alg": "RS256", "use": "sig"})
        return {"keys": keys}

    # --- messages -----------------------------------------------------------------
    def claims(self, *, nonce, message_type="LtiResourceLinkRequest", **extra):
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": "student-7",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "name": "Ada Lovelace",
            "email": "ada@partner.example",
            LTI + "message_type": message_type,
            LTI + "version": "1.3.0",
            LTI + "deployment_id": self.deployment_id,
            LTI + "target_link_uri": "https://campus.example/lti/launch/",
            LTI + "roles": [
                "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
            ],
            LTI + "context": {"id": "course-101", "title": "Social Economy 101"},
            LTI + "launch_presentation": {"locale": "en-US"},
        }
        if message_type == "LtiResourceLinkRequest":
            claims[LTI + "resource_link"] = {"id": "link-1", "title": "Week 1"}
        else:
            claims[
                "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
            ] = {
                "deep_link_return_url": self.issuer + "/deep_link_return",
                "accept_types": ["ltiResourceLink"],
                "accept_multiple": True,
                "data": "opaque-42",
            }
        claims.update(extra)
        return {k: v for k, v in claims.items() if v is not None}

    def sign(self, claims, *, kid="default", key=None, headers=None):
        own_kid, own_key = self.keys[0]
        header = {"kid": own_kid if kid == "default" else kid}
        if kid is None:
            header = {}
        header.update(headers or {})
        return jwt.encode(claims, key or own_key, algorithm="RS256", headers=header)

    # --- the browser's part -------------------------------------------------------
    def login(self, client, *, method="get", path="/lti/login/", **params):
        """Initiate login; return (state, nonce) from the redirect to /auth."""
        data = {
            "iss": self.issuer,
            "login_hint": "student-7",
            "target_link_uri": "https://campus.example/lti/launch/",
            "client_id": self.client_id,
            "lti_deployment_id": self.deployment_id,
            **params,
        }
        response = getattr(client, method)(path, data)
        assert response.status_code == 302, response.content
        query = parse_qs(urlsplit(response["Location"]).query)
        return query["state"][0], query["nonce"][0]

    def launch(self, client, *, claims=None, sign=None, **extra):
        """Login and launch as the browser would; returns the launch response."""
        state, nonce = self.login(client)
        token = (sign or self.sign)(claims or self.claims(nonce=nonce, **extra))
        return client.post("/lti/launch/", {"id_token": token, "state": state})

    # --- services over the transport ---------------------------------------------
    def fetch(self, url, *, method="GET", headers=None, body=None, **kwargs):
        parts = urlsplit(url)
        self.requests.append((method, url, headers or {}, body or b""))
        failures = self.fail.get(parts.path)
        if failures:
            return Response(failures.pop(0), b"{}", url=url)
        if f"{parts.scheme}://{parts.netloc}" != self.issuer:
            return Response(404, url=url)
        if parts.path == "/jwks":
            return Response(200, json.dumps(self.jwks()).encode(), url=url)
        if parts.path == "/token":
            return self._token(body)
        if parts.path == "/.well-known/openid-configuration":
            return Response(200, json.dumps(self.openid_configuration()).encode())
        if parts.path == "/register" and method == "POST":
            if (headers or {}).get("Authorization") != "Bearer reg-token":
                return Response(401)
            self.registered = json.loads(body)
            answer = {
                **self.registered,
                "client_id": "dyn-client-9",
                "https://purl.imsglobal.org/spec/lti-tool-configuration": {
                    **self.registered[
                        "https://purl.imsglobal.org/spec/lti-tool-configuration"
                    ],
                    "deployment_id": "dyn-deployment-1",
                },
            }
            return Response(200, json.dumps(answer).encode())
        if not self._authorised(headers or {}):
            return Response(401, url=url)
        if parts.path == "/members":
            return self._members(parts.query, url)
        if parts.path == "/lineitems" and method == "GET":
            wanted = parse_qs(parts.query).get("resource_id", [None])[0]
            found = [i for i in self.line_items.values() if i["resourceId"] == wanted]
            return Response(200, json.dumps(found).encode(), url=url)
        if parts.path == "/lineitems" and method == "POST":
            item = json.loads(body)
            item["id"] = f"{self.issuer}/lineitems/{len(self.line_items) + 1}"
            self.line_items[item["id"]] = item
            return Response(201, json.dumps(item).encode(), url=url)
        if parts.path.startswith("/lineitems/") and parts.path.endswith("/scores"):
            self.scores.append(
                {"lineitem": url.rsplit("/scores", 1)[0], **json.loads(body)}
            )
            return Response(200, b"{}", url=url)
        return Response(404, url=url)

    def _token(self, body):
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        assertion = form.get("client_assertion", "")
        from lms.partners.lti.keys import tool_jwks

        jwks = {k["kid"]: k for k in tool_jwks()["keys"]}
        try:
            kid = jwt.get_unverified_header(assertion)["kid"]
            claims = jwt.decode(
                assertion,
                jwt.PyJWK(jwks[kid]),
                algorithms=["RS256"],
                audience=self.issuer + "/token",
                issuer=self.client_id,
            )
        except (KeyError, jwt.PyJWTError):
            return Response(400, b'{"error":"invalid_client"}')
        assert claims["sub"] == self.client_id
        assert form["grant_type"] == "client_credentials"
        self.tokens_issued += 1
        token = {
            "access_token": f"at-{self.tokens_issued}",
            "token_type": "Bearer",
            "expires_in": 3600,
            "scope": form.get("scope", ""),
        }
        return Response(200, json.dumps(token).encode())

    def _authorised(self, headers):
        return headers.get("Authorization", "").startswith("Bearer at-")

    def _members(self, query, url):
        start = int(parse_qs(query).get("offset", ["0"])[0])
        chunk = self.members[start : start + self.page_size]
        headers = {}
        if start + self.page_size < len(self.members):
            following = urlencode({"offset": start + self.page_size})
            headers["Link"] = f'<{self.issuer}/members?{following}>; rel="next"'

        body = {"id": url, "context": {"id": "course-101"}, "members": chunk}
        return Response(200, json.dumps(body).encode(), headers=headers, url=url)
