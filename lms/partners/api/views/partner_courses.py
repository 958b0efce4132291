"""Inbound syndication: the partner publishes and withdraws its own courses
in our catalog."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
)
from rest_framework import generics, status
from rest_framework.response import Response

from ... import selectors
from ...errors import PartnerNotFound
from ...models import Scope
from ...services.syndication import partner_course_publish, partner_course_withdraw
from ..base import PartnerAPIMixin, PartnerAPIView
from ..serializers import (
    PartnerCourseInSerializer,
    PartnerCourseSerializer,
)
from .docs import COMMON, ETAG, LANGUAGE, NOT_MODIFIED, problem_responses


class PartnerCourseList(PartnerAPIMixin, generics.ListAPIView):
    serializer_class = PartnerCourseSerializer
    required_scope = Scope.COURSES_PUBLISH

    def get_queryset(self):
        return selectors.partner_own_courses(institution=self.institution)

    @extend_schema(
        tags=["partner courses"],
        summary="The partner's own courses in the Campus catalog",
        parameters=[LANGUAGE, ETAG],
        responses={
            304: NOT_MODIFIED,
            200: PartnerCourseSerializer(many=True),
            **problem_responses(400, *COMMON),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


PARTNER_COURSE_ID = r"[A-Za-z0-9._:-]{1,100}"


class PartnerCourseDetail(PartnerAPIView):
    required_scope = Scope.COURSES_PUBLISH

    @extend_schema(
        tags=["partner courses"],
        summary="Publish or update one of the partner's courses in our catalog",
        request=PartnerCourseInSerializer,
        parameters=[LANGUAGE],
        responses={
            200: PartnerCourseSerializer,
            201: PartnerCourseSerializer,
            **problem_responses(400, *COMMON),
        },
        examples=[
            OpenApiExample(
                "A course",
                value={
                    "title": "지역 혁신과 대학",
                    "summary": "대학과 지역 사회적경제의 협력을 다룹니다.",
                    "url": "https://hanbit.example/courses/regional-innovation",
                    "learning_mode": "formal",
                    "delivery": "online",
                    "level": "intermediate",
                    "course_language": "ko",
                    "starts_on": "2026-09-01",
                },
                request_only=True,
            )
        ],
    )
    def put(self, request, external_id: str):
        payload = PartnerCourseInSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        course, created = partner_course_publish(
            institution=self.institution,
            external_id=external_id,
            data=request.data,
        )
        return Response(
            PartnerCourseSerializer(course).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        tags=["partner courses"],
        summary="Withdraw one of the partner's courses from our catalog",
        parameters=[LANGUAGE],
        responses={200: PartnerCourseSerializer, **problem_responses(404, *COMMON)},
    )
    def delete(self, request, external_id: str):
        course = (
            selectors.partner_own_courses(institution=self.institution)
            .filter(external_id=external_id)
            .first()
        )
        if course is None:
            raise PartnerNotFound(_("There is no such course of yours."))
        course = partner_course_withdraw(course=course)
        return Response(PartnerCourseSerializer(course).data)
