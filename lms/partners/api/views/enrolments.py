"""Enrolling the partner's learners (idempotent), their progress and grades,
and certificate verification."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
)
from rest_framework import generics, status
from rest_framework.response import Response

from certificates.selectors import certificate_for_verification
from lms.learning.gradebook import grades_for_enrollment
from lms.learning.selectors import course_progress

from ... import selectors
from ...errors import PartnerNotFound
from ...models import Scope
from ...services.enrolments import (
    idempotent_call,
    partner_enrollment_create,
    partner_enrollment_withdraw,
    request_fingerprint,
)
from ..base import PartnerAPIMixin, PartnerAPIView
from ..serializers import (
    CertificateVerificationSerializer,
    EnrolmentDetailSerializer,
    EnrolmentInSerializer,
    EnrolmentSerializer,
)
from .docs import COMMON, ETAG, LANGUAGE, NOT_MODIFIED, problem_responses

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
            **problem_responses(400, *COMMON),
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
            **problem_responses(400, 404, 409, 422, *COMMON),
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
            **problem_responses(404, *COMMON),
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
            **problem_responses(404, 409, *COMMON),
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
        **problem_responses(404, *COMMON),
    },
)
class CertificateVerify(PartnerAPIView):
    required_scope = None

    def get(self, request, code: str):
        certificate = certificate_for_verification(code=code)
        if certificate is None:
            raise PartnerNotFound(_("No certificate has this verification code."))
        return Response(CertificateVerificationSerializer(certificate).data)
