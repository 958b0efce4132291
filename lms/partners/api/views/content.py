"""Course content: a lesson's HTML and the Common Cartridge package, within
the agreement's licence."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework.response import Response

from lms.core.site_url import absolute_url

from ... import selectors
from ...errors import PartnerError, PartnerForbidden, PartnerNotFound
from ...models import AgreementLicence, Scope
from ...services.cartridge import cartridge_export
from ..base import PartnerAPIView
from ..serializers import (
    LessonContentSerializer,
)
from .catalog import PartnerCourseMixin
from .docs import COMMON, ETAG, LANGUAGE, NOT_MODIFIED, problem_responses


@extend_schema(
    tags=["content"],
    summary="A lesson's content, when the agreement's licence allows it",
    parameters=[LANGUAGE, ETAG],
    responses={
        304: NOT_MODIFIED,
        200: LessonContentSerializer,
        **problem_responses(404, *COMMON),
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
        **problem_responses(400, 404, *COMMON),
    },
)
class CourseCartridgeView(PartnerCourseMixin, PartnerAPIView):
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
