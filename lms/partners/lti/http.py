"""Outbound HTTP to platforms (JWKS, tokens, AGS, NRPS), through the SSRF-safe
fetcher of lms.core: a platform's URLs are data typed in by people and must
never reach the private network."""

from dataclasses import dataclass


class LtiHttpError(Exception):
    """A call to a platform failed: refused address, timeout or an HTTP error."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status

    def __reduce__(self):
        return (self.__class__, (str(self), self.status))

    @property
    def retryable(self) -> bool:
        """Worth another try later: no answer, too many requests or 5xx."""
        return self.status is None or self.status == 429 or self.status >= 500


@dataclass
class Transport:
    """Where requests go; tests swap `fetch` for an in-process platform."""

    fetch: object = None


transport = Transport()


def lti_fetch(
    url: str,
    *,
    method: str = "GET",
    headers: dict | None = None,
    body: bytes | None = None,
    ok: tuple = (200, 201, 202, 204),
):
    """One request; an LtiHttpError unless the status is one of `ok`."""
    options = {"method": method, "headers": headers or {}, "body": body}
    if transport.fetch is not None:
        response = transport.fetch(url, **options)
    else:
        from lms.core.errors import CampusError
        from lms.core.outbound import outbound_fetch

        try:
            response = outbound_fetch(url, **options, max_bytes=2**21)
        except CampusError as error:
            raise LtiHttpError(f"{method} {url}: {error}") from error
    if response.status not in ok:
        raise LtiHttpError(
            f"{method} {url}: HTTP {response.status}", status=response.status
        )
    return response
