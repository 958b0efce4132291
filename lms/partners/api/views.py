"""The partner REST API v1: thin views over the partners' selectors and services."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import generics, status
from rest_framework.response import Response

from certificates.selectors import certificate_for_verification
from courses.outline import course_outline
from lms.core.site_url import absolute_url
from lms.learning.gradebook import grades_for_enrollment
from lms.learning.selectors import course_progress

from .. import selectors
from ..errors import PartnerError, PartnerForbidden, PartnerNotFound
from ..models import AgreementLicence, Scope
from ..services.cartridge import cartridge_export
from ..services.enrolments import (
    idempotent_call,
    partner_enrollment_create,
    partner_enrollment_withdraw,
    request_fingerprint,
)
from ..services.syndication import partner_course_publish, partner_course_withdraw
from ..services.webhooks import (
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_redeliver,
)
from .base import PartnerAPIMixin, PartnerAPIView
from .problems import PROBLEM_CONTENT_TYPE
from .serializers import (
    CatalogFilterSerializer,
    CertificateVerificationSerializer,
    CourseSerializer,
    EnrolmentDetailSerializer,
    EnrolmentInSerializer,
    EnrolmentSerializer,
    FacetsSerializer,
    LessonContentSerializer,
    OutlineSerializer,
    PartnerCourseInSerializer,
    PartnerCourseSerializer,
    ProblemSerializer,
    WebhookDeliverySerializer,
    WebhookEndpointCreatedSerializer,
    WebhookEndpointSerializer,
)


def _problems(*codes: int) -> dict:
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
        **_problems(400, *COMMON),
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
    responses={304: NOT_MODIFIED, 200: FacetsSerializer, **_problems(400, *COMMON)},
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


class _CourseMixin:
    def get_course(self, pk: int):
        course = selectors.partner_course(institution=self.institution, pk=pk)
        if course is None:
            raise PartnerNotFound(_("There is no such course in your agreements."))
        return course


@extend_schema(
    tags=["catalog"],
    summary="One course of the partner's catalog",
    parameters=[LANGUAGE, ETAG],
    responses={304: NOT_MODIFIED, 200: CourseSerializer, **_problems(404, *COMMON)},
    examples=[COURSE_EXAMPLE],
)
class CatalogCourseDetail(_CourseMixin, PartnerAPIView):
    required_scope = Scope.CATALOG_READ

    def get(self, request, pk: int):
        return Response(CourseSerializer(self.get_course(pk)).data)


@extend_schema(
    tags=["catalog"],
    summary="A course's outline: modules, lessons and assessments in order",
    parameters=[LANGUAGE, ETAG],
    responses={304: NOT_MODIFIED, 200: OutlineSerializer, **_problems(404, *COMMON)},
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
class CourseOutlineView(_CourseMixin, PartnerAPIView):
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


@extend_schema(
    tags=["content"],
    summary="A lesson's content, when the agreement's licence allows it",
    parameters=[LANGUAGE, ETAG],
    responses={
        304: NOT_MODIFIED,
        200: LessonContentSerializer,
        **_problems(404, *COMMON),
    },
)
class LessonContentView(PartnerAPIView):
    required_scope = Scope.CONTENT_READ

    def get(self, request, pk: int):
        found = selectors.partner_lesson(institution=self.institution, pk=pk)
        if found is None:
            raise PartnerNotFound(_("There is no such lesson in your agreements."))
        lesson, course = found
        agreement = selectors.partner_agreement_for_course(
            institution=self.institution, course=course
        )
        if agreement is None or not agreement.allows_content:
            raise PartnerForbidden(
                _("Your agreement does not cover this course's lessons."),
                code="licence_forbids_content",
            )
        data = {
            "id": lesson.pk,
            "title": lesson.title,
            "course": course.pk,
            "estimated_minutes": lesson.estimated_minutes,
            "html": str(lesson.body),
            "licence": agreement.get_licence_display(),
            "attribution": _("© %(course)s, Campus education center")
            % {"course": course.title},
        }
        return Response(LessonContentSerializer(data).data)


CARTRIDGE_MODE = OpenApiParameter(
    "mode",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=["full", "thin"],
    required=False,
    description="full (default): lessons as web content, quizzes as QTI; needs "
    "an agreement with the adapt licence. thin: LTI 1.3 links into Campus; "
    "needs the embed or adapt licence.",
)


@extend_schema(
    tags=["content"],
    summary="The course as an IMS Common Cartridge 1.3 package (.imscc)",
    description="A zip with `imsmanifest.xml`: the modules as the organization, "
    "lessons as HTML with their images and files, quizzes as QTI (single and "
    "multiple choice, true or false, short answer; other questions are listed "
    "in `campus_export_report.txt`). Needs the `content:read` scope.",
    parameters=[CARTRIDGE_MODE, LANGUAGE],
    responses={
        (200, "application/zip"): OpenApiResponse(
            response=OpenApiTypes.BINARY,
            description="The package, as an attachment (course-slug.imscc).",
        ),
        **_problems(400, 404, *COMMON),
    },
)
class CourseCartridgeView(_CourseMixin, PartnerAPIView):
    required_scope = Scope.CONTENT_READ

    def get(self, request, pk: int):
        mode = request.query_params.get("mode", "full")
        if mode not in ("full", "thin"):
            raise PartnerError(_("The mode must be full or thin."), code="invalid_mode")
        course = self.get_course(pk)
        agreement = selectors.partner_agreement_for_course(
            institution=self.institution, course=course
        )
        allowed = (
            (AgreementLicence.EMBED, AgreementLicence.ADAPT)
            if mode == "thin"
            else (AgreementLicence.ADAPT,)
        )
        if agreement is None or agreement.licence not in allowed:
            raise PartnerForbidden(
                _("Your agreement does not allow exporting this course."),
                code="licence_forbids_export",
            )
        package = cartridge_export(
            course=course,
            agreement=agreement,
            thin=mode == "thin",
            launch_url=absolute_url(reverse("lti:launch"), request),
        )
        response = HttpResponse(package.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="Any unique string (a UUID): a retry with the same key and body "
    "gets the first answer, and enrols once.",
)
ENROLMENT_EXAMPLE = {
    "id": 501,
    "learner": "stu-2026-0042",
    "run": 7,
    "course": 42,
    "status": "active",
    "created_at": "2026-03-01T09:00:00+09:00",
    "status_changed_at": "2026-03-01T09:00:00+09:00",
    "completed_at": None,
    "final_grade": None,
}


class EnrolmentList(PartnerAPIMixin, generics.ListAPIView):
    serializer_class = EnrolmentSerializer
    required_scope = {"GET": Scope.PROGRESS_READ, "POST": Scope.ENROLMENTS_WRITE}

    def get_queryset(self):
        enrollments = selectors.partner_enrollments(institution=self.institution)
        params = self.request.query_params
        if params.get("status"):
            enrollments = enrollments.filter(status=params["status"])
        if params.get("learner"):
            enrollments = enrollments.filter(external_id=params["learner"][:100])
        if params.get("run", "").isdigit():
            enrollments = enrollments.filter(run_id=int(params["run"][:10]))
        return enrollments

    @extend_schema(
        tags=["enrolments"],
        summary="The partner's learners' enrolments",
        parameters=[
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=[
                    "pending",
                    "waitlisted",
                    "active",
                    "completed",
                    "withdrawn",
                    "rejected",
                ],
            ),
            OpenApiParameter("learner", OpenApiTypes.STR, description="external id"),
            OpenApiParameter("run", OpenApiTypes.INT),
            LANGUAGE,
            ETAG,
        ],
        responses={
            304: NOT_MODIFIED,
            200: EnrolmentSerializer(many=True),
            **_problems(400, *COMMON),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["enrolments"],
        summary="Enrol a partner's learner in a run (idempotent)",
        description="Needs `enrolments:write` and an `Idempotency-Key` header. "
        "The learner is known by the partner's own id; a new Campus account is "
        "made for a new learner. 201 when enrolled now, 200 when replayed.",
        request=EnrolmentInSerializer,
        parameters=[IDEMPOTENCY, LANGUAGE],
        responses={
            201: EnrolmentSerializer,
            200: EnrolmentSerializer,
            **_problems(400, 404, 409, 422, *COMMON),
        },
        examples=[
            OpenApiExample(
                "Enrol a learner",
                value={
                    "run": 7,
                    "learner": {
                        "external_id": "stu-2026-0042",
                        "email": "minji@partner.ac.kr",
                        "name": "김민지",
                    },
                },
                request_only=True,
            ),
            OpenApiExample("Enrolled", value=ENROLMENT_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request):
        payload = EnrolmentInSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        run = selectors.partner_run(institution=self.institution, pk=data["run"])
        if run is None:
            raise PartnerNotFound(_("There is no such open run in your agreements."))

        def produce():
            enrollment = partner_enrollment_create(
                institution=self.institution,
                run=run,
                external_id=data["learner"]["external_id"],
                email=data["learner"]["email"],
                name=data["learner"].get("name", ""),
            )
            enrollment.external_id = data["learner"]["external_id"]
            return status.HTTP_201_CREATED, EnrolmentSerializer(enrollment).data

        code, body, replayed = idempotent_call(
            institution=self.institution,
            key=request.headers.get("Idempotency-Key", ""),
            fingerprint=request_fingerprint(data),
            produce=produce,
        )
        response = Response(body, status=status.HTTP_200_OK if replayed else code)
        if replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class EnrolmentDetail(PartnerAPIView):
    required_scope = {"GET": Scope.PROGRESS_READ, "DELETE": Scope.ENROLMENTS_WRITE}

    def get_enrollment(self, pk: int):
        enrollment = (
            selectors.partner_enrollments(institution=self.institution)
            .filter(pk=pk)
            .first()
        )
        if enrollment is None:
            raise PartnerNotFound(_("There is no such enrolment of your learners."))
        return enrollment

    @extend_schema(
        tags=["enrolments"],
        summary="A learner's progress, grades, completion and certificate",
        parameters=[LANGUAGE, ETAG],
        responses={
            304: NOT_MODIFIED,
            200: EnrolmentDetailSerializer,
            **_problems(404, *COMMON),
        },
    )
    def get(self, request, pk: int):
        enrollment = self.get_enrollment(pk)
        progress = course_progress(
            learner=enrollment.learner, course=enrollment.run.course
        )
        book, row = grades_for_enrollment(enrollment=enrollment)
        certificate = selectors.enrollment_certificate(enrollment=enrollment)
        data = EnrolmentSerializer(enrollment).data
        data.update(
            progress={
                "required_lessons": progress.required_total,
                "required_lessons_done": progress.required_done,
                "percent": progress.percent,
            },
            grades=[
                {
                    "id": item.pk,
                    "type": item.kind,
                    "title": item.page.title,
                    "percent": row.cells[item.pk].percent
                    if item.pk in row.cells
                    else None,
                }
                for item in book.items
            ],
            grade_total=row.total,
            certificate=None
            if certificate is None
            else {
                "serial": certificate.serial,
                "code": certificate.code,
                "status": certificate.status,
                "issued_at": certificate.issued_at,
                "verify_url": request.build_absolute_uri(
                    certificate.get_absolute_url()
                ),
            },
        )
        return Response(data)

    @extend_schema(
        tags=["enrolments"],
        summary="Withdraw the learner from the run",
        parameters=[LANGUAGE],
        responses={
            304: NOT_MODIFIED,
            200: EnrolmentSerializer,
            **_problems(404, 409, *COMMON),
        },
    )
    def delete(self, request, pk: int):
        enrollment = self.get_enrollment(pk)
        external_id = enrollment.external_id
        enrollment = partner_enrollment_withdraw(enrollment=enrollment)
        enrollment.external_id = external_id
        return Response(EnrolmentSerializer(enrollment).data)


@extend_schema(
    tags=["certificates"],
    summary="Verify a certificate by its verification code",
    description="Any valid token may verify. Revoked and replaced certificates "
    "are answered with their status, not hidden.",
    parameters=[LANGUAGE, ETAG],
    responses={
        304: NOT_MODIFIED,
        200: CertificateVerificationSerializer,
        **_problems(404, *COMMON),
    },
)
class CertificateVerify(PartnerAPIView):
    required_scope = None

    def get(self, request, code: str):
        certificate = certificate_for_verification(code=code)
        if certificate is None:
            raise PartnerNotFound(_("No certificate has this verification code."))
        return Response(CertificateVerificationSerializer(certificate).data)


WEBHOOK_SIGNING = (
    "Each delivery is a POST of the event as JSON with the headers "
    "`Campus-Event`, `Campus-Delivery` (the event id; the same on a redelivery), "
    "`Campus-Timestamp` (Unix seconds) and `Campus-Signature: v1=<hex>`, the "
    "HMAC-SHA256 of `<timestamp>.<body>` with the endpoint's secret. Answer 2xx; "
    "anything else is retried with exponential backoff (30 s, 1 min, 2 min, … up "
    "to 8 attempts)."
)


class WebhookList(PartnerAPIMixin, generics.ListAPIView):
    serializer_class = WebhookEndpointSerializer
    required_scope = Scope.WEBHOOKS_MANAGE

    def get_queryset(self):
        return selectors.partner_webhook_endpoints(institution=self.institution)

    @extend_schema(
        tags=["webhooks"],
        summary="The partner's webhook endpoints",
        description=WEBHOOK_SIGNING,
        parameters=[LANGUAGE, ETAG],
        responses={
            304: NOT_MODIFIED,
            200: WebhookEndpointSerializer(many=True),
            **_problems(400, *COMMON),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["webhooks"],
        summary="Add a webhook endpoint (its secret is shown once)",
        description=WEBHOOK_SIGNING,
        request=WebhookEndpointSerializer,
        parameters=[LANGUAGE],
        responses={201: WebhookEndpointCreatedSerializer, **_problems(400, *COMMON)},
        examples=[
            OpenApiExample(
                "Completion and certificates",
                value={
                    "url": "https://lms.hanbit.ac.kr/campus/webhook",
                    "events": ["enrolment.completed", "certificate.issued"],
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        payload = WebhookEndpointSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_create(
            institution=self.institution, **payload.validated_data
        )
        return Response(
            WebhookEndpointCreatedSerializer(endpoint).data,
            status=status.HTTP_201_CREATED,
        )


class _EndpointMixin:
    def get_endpoint(self, pk: int):
        endpoint = (
            selectors.partner_webhook_endpoints(institution=self.institution)
            .filter(pk=pk)
            .first()
        )
        if endpoint is None:
            raise PartnerNotFound(_("There is no such webhook endpoint of yours."))
        return endpoint


class WebhookDetail(_EndpointMixin, PartnerAPIView):
    required_scope = Scope.WEBHOOKS_MANAGE

    @extend_schema(
        tags=["webhooks"],
        summary="Remove a webhook endpoint and its delivery log",
        parameters=[LANGUAGE],
        responses={204: None, **_problems(404, *COMMON)},
    )
    def delete(self, request, pk: int):
        webhook_endpoint_delete(endpoint=self.get_endpoint(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookDeliveryList(_EndpointMixin, PartnerAPIMixin, generics.ListAPIView):
    serializer_class = WebhookDeliverySerializer
    required_scope = Scope.WEBHOOKS_MANAGE

    def get_queryset(self):
        return selectors.webhook_deliveries(
            endpoint=self.get_endpoint(self.kwargs["pk"])
        )

    @extend_schema(
        tags=["webhooks"],
        summary="The delivery log of an endpoint",
        parameters=[LANGUAGE, ETAG],
        responses={
            304: NOT_MODIFIED,
            200: WebhookDeliverySerializer(many=True),
            **_problems(400, 404, *COMMON),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class WebhookRedeliver(PartnerAPIView):
    required_scope = Scope.WEBHOOKS_MANAGE

    @extend_schema(
        tags=["webhooks"],
        summary="Send a delivery again (same event id)",
        request=None,
        parameters=[LANGUAGE],
        responses={202: WebhookDeliverySerializer, **_problems(404, *COMMON)},
    )
    def post(self, request, pk: int):
        delivery = (
            selectors.partner_webhook_deliveries(institution=self.institution)
            .filter(pk=pk)
            .first()
        )
        if delivery is None:
            raise PartnerNotFound(_("There is no such webhook delivery of yours."))
        again = webhook_redeliver(delivery=delivery)
        again.refresh_from_db()
        return Response(
            WebhookDeliverySerializer(again).data, status=status.HTTP_202_ACCEPTED
        )


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
            **_problems(400, *COMMON),
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
            **_problems(400, *COMMON),
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
        responses={200: PartnerCourseSerializer, **_problems(404, *COMMON)},
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
