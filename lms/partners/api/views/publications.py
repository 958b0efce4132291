"""The research center's publications, read only: a filtered, cursor-paginated
list and one publication with its people, DOI, licence, open files and
citation formats."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from research_portal.selectors import publication_list_for_api

from ...errors import PartnerNotFound
from ...models import Scope
from ..base import PartnerAPIMixin, PartnerAPIView, PartnerCursorPagination
from ..publication_serializers import (
    PublicationDetailSerializer,
    PublicationFilterSerializer,
    PublicationSerializer,
)
from .docs import COMMON, ETAG, LANGUAGE, NOT_MODIFIED, problem_responses

FILES_RULE = (
    "Only open files are listed: restricted files (for signed-in researchers "
    "and staff of the portal) and embargoed files (until their day) are left "
    "out, as they are for an anonymous visitor of the portal."
)

PUBLICATION_EXAMPLE = OpenApiExample(
    "A policy brief",
    value={
        "id": 310,
        "title": "사회적경제 기업의 지역 순환 효과",
        "subtitle": "",
        "type": "policy_brief",
        "date_published": "2024-05-20",
        "year": 2024,
        "language": "ko",
        "doi": "10.23000/jbri.2024.24",
        "doi_url": "https://doi.org/10.23000/jbri.2024.24",
        "licence": "cc-by",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "series": {"slug": "jbri-policy-brief", "name": "전북연구원 정책브리프"},
        "topics": [{"slug": "cooperatives", "name": "협동조합"}],
        "authors": [
            {
                "name": "최지훈",
                "role": "author",
                "orcid": "0000-0002-1825-0097",
                "affiliation": "연구센터",
            }
        ],
        "url": "https://campus.example/research/jbri-policy-brief-24/",
        "files": [
            {
                "id": 12,
                "label": "본문 PDF",
                "is_main": True,
                "version": "",
                "page_count": 24,
                "mime_type": "application/pdf",
                "size": 482113,
                "url": "https://campus.example/research/jbri-policy-brief-24/files/12/",
            }
        ],
        "citations": {
            "bibtex": "https://campus.example/research/jbri-policy-brief-24/cite/bibtex/",
            "ris": "https://campus.example/research/jbri-policy-brief-24/cite/ris/",
            "csl-json": "https://campus.example/research/jbri-policy-brief-24/cite/csl-json/",
        },
    },
    response_only=True,
)


class PublicationPagination(PartnerCursorPagination):
    """Newest first; the id breaks ties between publications of one day."""

    ordering = ("-date_published", "-pk")


@extend_schema(
    tags=["publications"],
    summary="The research center's published publications",
    description="Cursor-paginated, newest first; filter by type, year, topic "
    "(slug), series (slug) and language. Needs the `catalog:read` scope. " + FILES_RULE,
    parameters=[PublicationFilterSerializer, LANGUAGE, ETAG],
    responses={
        304: NOT_MODIFIED,
        200: PublicationSerializer(many=True),
        **problem_responses(400, *COMMON),
    },
    examples=[PUBLICATION_EXAMPLE],
)
class PublicationList(PartnerAPIMixin, generics.ListAPIView):
    serializer_class = PublicationSerializer
    pagination_class = PublicationPagination
    required_scope = Scope.CATALOG_READ

    def get_queryset(self):
        filters = PublicationFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return publication_list_for_api(selected=filters.to_selected())


@extend_schema(
    tags=["publications"],
    summary="One publication: abstract, people, DOI, licence, files, citations",
    description="Needs the `catalog:read` scope. " + FILES_RULE,
    parameters=[LANGUAGE, ETAG],
    responses={
        304: NOT_MODIFIED,
        200: PublicationDetailSerializer,
        **problem_responses(404, *COMMON),
    },
)
class PublicationDetail(PartnerAPIView):
    required_scope = Scope.CATALOG_READ

    def get(self, request, pk: int):
        publication = publication_list_for_api().filter(pk=pk).first()
        if publication is None:
            raise PartnerNotFound(_("There is no such published publication."))
        serializer = PublicationDetailSerializer(
            publication, context={"request": request}
        )
        return Response(serializer.data)
