"""OpenAPI pieces every partner API view shares: problem responses, the
language and ETag headers."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
)

from ..problems import PROBLEM_CONTENT_TYPE
from ..serializers import (
    ProblemSerializer,
)


def problem_responses(*codes: int) -> dict:
    described = {
        400: "Invalid input",
        401: "No token, or not a valid one",
        403: "The token lacks the scope, or the agreement does not allow it",
        404: "Not found, or not the partner's",
        409: "Refused by the course run's rules",
        422: "The Idempotency-Key was used for another request",
        429: "Rate limit reached; see Retry-After",
    }
    return {
        (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            response=ProblemSerializer,
            description=f"{described[code]} (application/problem+json)",
        )
        for code in codes
    }


COMMON = (401, 403, 429)
NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the If-None-Match ETag is still current."
)
LANGUAGE = OpenApiParameter(
    "Accept-Language",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="ko (default) or en: the language of titles and error messages.",
    required=False,
)
ETAG = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag from an earlier answer: 304 if nothing changed.",
    required=False,
)
