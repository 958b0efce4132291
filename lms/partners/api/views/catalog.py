"""The catalog: courses of the partner's agreements, facets, a course and its
outline."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
)
from rest_framework import generics
from rest_framework.response import Response

from courses.outline import course_outline

from ... import selectors
from ...errors import PartnerNotFound
from ...models import Scope
from ..base import PartnerAPIMixin, PartnerAPIView
from ..serializers import (
    CatalogFilterSerializer,
    CourseSerializer,
    FacetsSerializer,
    OutlineSerializer,
)
from .docs import COMMON, ETAG, LANGUAGE, NOT_MODIFIED, problem_responses

COURSE_EXAMPLE = OpenApiExample(
    "A course with one open run",
    value={
        "id": 42,
        "title": "협동조합 경영 기초",
        "summary": "협동조합을 세우고 운영하는 법을 배웁니다.",
        "language": "ko",
        "learning_mode": "formal",
        "delivery": "online",
        "level": "introductory",
        "course_language": "ko",
        "credit_hours": 12.0,
        "licence": "cc_by",
        "category": "협동조합",
        "url": "/courses/cooperative-basics/",
        "runs": [
            {
                "id": 7,
                "title": "2026년 봄 1기",
                "starts_on": "2026-03-02",
                "ends_on": "2026-04-30",
                "enrollment_opens_at": None,
                "enrollment_closes_at": None,
                "enrollment_policy": "open",
                "capacity": 30,
                "seats_left": 12,
                "is_residential": False,
            }
        ],
    },
    response_only=True,
)


@extend_schema(
    tags=["catalog"],
    summary="The courses of the partner's agreements, with open runs",
    description="Cursor-paginated; needs the `catalog:read` scope.",
    parameters=[CatalogFilterSerializer, LANGUAGE, ETAG],
    responses={
        304: NOT_MODIFIED,
        200: CourseSerializer(many=True),
        **problem_responses(400, *COMMON),
    },
    examples=[COURSE_EXAMPLE],
)
class CatalogCourseList(PartnerAPIMixin, generics.ListAPIView):
    serializer_class = CourseSerializer
    required_scope = Scope.CATALOG_READ

    def get_queryset(self):
        filters = CatalogFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.partner_catalog(
            institution=self.institution, filters=filters.validated_data
        )


@extend_schema(
    tags=["catalog"],
    summary="Facet counts over the (filtered) catalog",
    parameters=[CatalogFilterSerializer, LANGUAGE, ETAG],
    responses={
        304: NOT_MODIFIED,
        200: FacetsSerializer,
        **problem_responses(400, *COMMON),
    },
    examples=[
        OpenApiExample(
            "Facets",
            value={
                "learning_mode": {"formal": 3, "social": 1},
                "delivery": {"online": 2, "residential": 2},
                "level": {"introductory": 4},
                "course_language": {"ko": 3, "ko_en": 1},
            },
            response_only=True,
        )
    ],
)
class CatalogFacets(PartnerAPIView):
    required_scope = Scope.CATALOG_READ

    def get(self, request):
        filters = CatalogFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        facets = selectors.partner_catalog_facets(
            institution=self.institution, filters=filters.validated_data
        )
        return Response(facets)


class PartnerCourseMixin:
    def get_course(self, pk: int):
        course = selectors.partner_course(institution=self.institution, pk=pk)
        if course is None:
            raise PartnerNotFound(_("There is no such course in your agreements."))
        return course


@extend_schema(
    tags=["catalog"],
    summary="One course of the partner's catalog",
    parameters=[LANGUAGE, ETAG],
    responses={
        304: NOT_MODIFIED,
        200: CourseSerializer,
        **problem_responses(404, *COMMON),
    },
    examples=[COURSE_EXAMPLE],
)
class CatalogCourseDetail(PartnerCourseMixin, PartnerAPIView):
    required_scope = Scope.CATALOG_READ

    def get(self, request, pk: int):
        return Response(CourseSerializer(self.get_course(pk)).data)


@extend_schema(
    tags=["catalog"],
    summary="A course's outline: modules, lessons and assessments in order",
    parameters=[LANGUAGE, ETAG],
    responses={
        304: NOT_MODIFIED,
        200: OutlineSerializer,
        **problem_responses(404, *COMMON),
    },
    examples=[
        OpenApiExample(
            "Outline",
            value={
                "course": 42,
                "title": "협동조합 경영 기초",
                "total_minutes": 50,
                "modules": [
                    {
                        "id": 43,
                        "title": "1주차",
                        "summary": "",
                        "items": [
                            {
                                "id": 44,
                                "type": "lesson",
                                "title": "협동조합이란",
                                "estimated_minutes": 25,
                                "is_required": True,
                            },
                            {
                                "id": 46,
                                "type": "quiz",
                                "title": "확인 퀴즈",
                                "estimated_minutes": None,
                                "is_required": True,
                            },
                        ],
                    }
                ],
            },
            response_only=True,
        )
    ],
)
class CourseOutlineView(PartnerCourseMixin, PartnerAPIView):
    required_scope = Scope.CATALOG_READ

    def get(self, request, pk: int):
        course = self.get_course(pk)
        outline = course_outline(course=course)
        modules = []
        for module in outline.modules:
            items = []
            for page in module.items:
                kind = getattr(page, "assessment_kind", "lesson")
                items.append(
                    {
                        "id": page.pk,
                        "type": kind,
                        "title": page.title,
                        "estimated_minutes": getattr(page, "estimated_minutes", None),
                        "is_required": page.is_required,
                    }
                )
            modules.append(
                {
                    "id": module.module.pk,
                    "title": module.module.title,
                    "summary": module.module.summary,
                    "items": items,
                }
            )
        data = {
            "course": course.pk,
            "title": course.title,
            "total_minutes": outline.total_minutes,
            "modules": modules,
        }
        return Response(OutlineSerializer(data).data)
