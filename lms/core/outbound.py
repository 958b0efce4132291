"""The one door for HTTP requests Campus makes to addresses others chose.

Partners give us webhook URLs and course feeds, platforms give us JWKS and
token URLs, editors link external services: each is a way to make the server
call into its own network (SSRF). `outbound_fetch` refuses that:

- only `http` and `https`, no credentials in the URL;
- the host is resolved once, every address it resolves to must be public
  (not private, loopback, link-local, multicast, reserved or unspecified), and
  the connection goes to the vetted address, so a second DNS answer cannot
  swap it (DNS rebinding);
- redirects are followed by hand, a few at most, each one vetted again;
- a timeout on connecting and reading and a deadline for the whole exchange,
  and a size limit on the body, checked as it arrives.

Hosts, addresses or networks in `OUTBOUND_ALLOWED_HOSTS` are let through even
when private (an intranet partner, or a test server on 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .errors import CampusError

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


class OutboundRefused(CampusError):
    """The address is not one Campus may call."""

    default_message = _("This address cannot be reached from Campus.")
    code = "outbound-refused"


class OutboundError(CampusError):
    """The call was allowed but failed: timeout, too large, no connection."""

    default_message = _("The remote server could not be reached.")
    code = "outbound-failed"
    status = 502


@dataclass(frozen=True)
class OutboundResponse:
    """What came back: the final URL after redirects, status, headers, body."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


def _allowed_entries():
    hosts, networks = set(), []
    for entry in getattr(settings, "OUTBOUND_ALLOWED_HOSTS", []) or []:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            hosts.add(str(entry).lower().rstrip("."))
    return hosts, networks


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_unspecified
    )


def outbound_url_check(url: str) -> tuple[str, str, int, str]:
    """Vet a URL and resolve it: (scheme, host, port, address to connect to).

    Raises `OutboundRefused` with the reason in the user's language.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise OutboundRefused(_("This is not a valid web address.")) from error
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise OutboundRefused(_("Only http and https addresses can be used."))
    if parts.username or parts.password:
        raise OutboundRefused(_("Addresses with a user name or password are refused."))
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise OutboundRefused(_("This is not a valid web address."))
    port = port or (443 if scheme == "https" else 80)
    allowed_hosts, allowed_networks = _allowed_entries()
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OutboundError(_("The server's name could not be found.")) from error
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        allowed = host in allowed_hosts or any(
            address in network for network in allowed_networks
        )
        if not allowed and not _is_public(address):
            raise OutboundRefused(
                _("This address points into a private network and is refused.")
            )
        addresses.append(str(address))
    if not addresses:
        raise OutboundError(_("The server's name could not be found."))
    return scheme, host, port, addresses[0]


def _pool(scheme: str, host: str, port: int, address: str, timeout):
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)


def outbound_fetch(
    url: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | str | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int = 3,
) -> OutboundResponse:
    """Call `url` safely and return the whole response (see the module's rules).

    A non-2xx status is returned, not raised: callers decide what it means.
    """
    timeout = timeout or getattr(settings, "OUTBOUND_TIMEOUT", DEFAULT_TIMEOUT)
    max_bytes = max_bytes or getattr(settings, "OUTBOUND_MAX_BYTES", DEFAULT_MAX_BYTES)
    deadline = time.monotonic() + timeout * 3
    if isinstance(body, str):
        body = body.encode("utf-8")
    method = method.upper()
    for _hop in range(max_redirects + 1):
        scheme, host, port, address = outbound_url_check(url)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default_port = 443 if scheme == "https" else 80
        request_headers = {
            "Host": host if port == default_port else f"{host}:{port}",
            "User-Agent": getattr(settings, "OUTBOUND_USER_AGENT", "Campus"),
            **(headers or {}),
        }
        pool = _pool(scheme, host, port, address, urllib3.Timeout(timeout, timeout))
        try:
            response = pool.urlopen(
                method,
                target,
                body=body,
                headers=request_headers,
                redirect=False,
                preload_content=False,
                assert_same_host=False,
            )
        except urllib3.exceptions.HTTPError as error:
            raise OutboundError() from error
        try:
            if response.status in REDIRECT_STATUSES and response.headers.get(
                "Location"
            ):
                url = urljoin(url, response.headers["Location"])
                if response.status == 303 or (
                    response.status in (301, 302) and method == "POST"
                ):
                    method, body = "GET", None
                continue
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise OutboundError(_("The remote answer is too large."))
            chunks, size = [], 0
            for chunk in response.stream(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise OutboundError(_("The remote answer is too large."))
                if time.monotonic() > deadline:
                    raise OutboundError(_("The remote server took too long to answer."))
                chunks.append(chunk)
        except urllib3.exceptions.HTTPError as error:
            raise OutboundError() from error
        finally:
            response.release_conn()
            pool.close()
        return OutboundResponse(
            url=url,
            status=response.status,
            headers={key.lower(): value for key, value in response.headers.items()},
            body=b"".join(chunks),
        )
    raise OutboundError(_("Too many redirects."))
