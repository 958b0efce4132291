"""Serializers of the partner API (reads are shaped here, writes validated)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from courses.models import CourseLanguage, Delivery, LearningMode, Level


class RunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    enrollment_opens_at = serializers.DateTimeField(allow_null=True)
    enrollment_closes_at = serializers.DateTimeField(allow_null=True)
    enrollment_policy = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)
    seats_left = serializers.IntegerField(
        allow_null=True, help_text="Null when the run has no seat limit."
    )
    is_residential = serializers.BooleanField()


class CourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    language = serializers.SerializerMethodField()
    learning_mode = serializers.ChoiceField(choices=LearningMode.choices)
    delivery = serializers.ChoiceField(choices=Delivery.choices)
    level = serializers.CharField()
    course_language = serializers.CharField()
    credit_hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, coerce_to_string=False, allow_null=True
    )
    licence = serializers.CharField()
    category = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    runs = serializers.SerializerMethodField()

    def get_language(self, course) -> str:
        return course.locale.language_code if course.locale_id else ""

    def get_category(self, course) -> str | None:
        return course.category.name if course.category_id else None

    def get_url(self, course) -> str:
        # the site's root paths are cached by Wagtail: no query per course
        return course.get_url() or ""

    def get_runs(self, course) -> RunSerializer(many=True):  # type: ignore[valid-type]
        return RunSerializer(getattr(course, "open_runs", []), many=True).data


class CatalogFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=100, allow_blank=True)
    learning_mode = serializers.ChoiceField(
        choices=LearningMode.choices, required=False
    )
    delivery = serializers.ChoiceField(choices=Delivery.choices, required=False)
    level = serializers.ChoiceField(choices=Level.choices, required=False)
    course_language = serializers.ChoiceField(
        choices=CourseLanguage.choices, required=False
    )
    has_seats = serializers.BooleanField(required=False, default=False)


class FacetsSerializer(serializers.Serializer):
    learning_mode = serializers.DictField(child=serializers.IntegerField())
    delivery = serializers.DictField(child=serializers.IntegerField())
    level = serializers.DictField(child=serializers.IntegerField())
    course_language = serializers.DictField(child=serializers.IntegerField())


class OutlineItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=["lesson", "quiz", "assignment"])
    title = serializers.CharField()
    estimated_minutes = serializers.IntegerField(allow_null=True)
    is_required = serializers.BooleanField()


class OutlineModuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    items = OutlineItemSerializer(many=True)


class OutlineSerializer(serializers.Serializer):
    course = serializers.IntegerField()
    title = serializers.CharField()
    total_minutes = serializers.IntegerField()
    modules = OutlineModuleSerializer(many=True)


class LessonContentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    course = serializers.IntegerField()
    estimated_minutes = serializers.IntegerField()
    html = serializers.CharField()
    licence = serializers.CharField()
    attribution = serializers.CharField()


class LearnerInSerializer(serializers.Serializer):
    external_id = serializers.RegexField(
        r"^[A-Za-z0-9._:@-]{1,100}$",
        help_text="The partner's own id of the learner.",
        error_messages={"invalid": _("Use letters, digits and . _ : @ - only.")},
    )
    email = serializers.EmailField()
    name = serializers.CharField(required=False, allow_blank=True, max_length=100)


class EnrolmentInSerializer(serializers.Serializer):
    run = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    learner = LearnerInSerializer()


class CertificateBriefSerializer(serializers.Serializer):
    serial = serializers.CharField()
    code = serializers.CharField()
    status = serializers.CharField()
    issued_at = serializers.DateTimeField()
    verify_url = serializers.CharField()


class EnrolmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    learner = serializers.CharField(source="external_id")
    run = serializers.IntegerField(source="run_id")
    course = serializers.IntegerField(source="run.course_id")
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    status_changed_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)
    final_grade = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, allow_null=True
    )


class GradeItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.CharField()
    title = serializers.CharField()
    percent = serializers.DecimalField(
        max_digits=6, decimal_places=2, coerce_to_string=False, allow_null=True
    )


class ProgressSerializer(serializers.Serializer):
    required_lessons = serializers.IntegerField()
    required_lessons_done = serializers.IntegerField()
    percent = serializers.IntegerField()


class EnrolmentDetailSerializer(EnrolmentSerializer):
    progress = ProgressSerializer()
    grades = GradeItemSerializer(many=True)
    grade_total = serializers.DecimalField(
        max_digits=6, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    certificate = CertificateBriefSerializer(allow_null=True)


class CertificateVerificationSerializer(serializers.Serializer):
    serial = serializers.CharField()
    status = serializers.CharField()
    is_valid = serializers.BooleanField()
    learner_name = serializers.CharField()
    course_title = serializers.CharField()
    completed_on = serializers.DateField()
    issued_at = serializers.DateTimeField()
    issuer = serializers.CharField(source="issuer_name")
    credit_hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, coerce_to_string=False
    )


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField()
    instance = serializers.CharField(required=False)
    errors = serializers.DictField(required=False)


class WebhookEndpointSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(max_length=500)
    events = serializers.ListField(
        child=serializers.ChoiceField(
            choices=["enrolment.changed", "enrolment.completed", "certificate.issued"]
        ),
        min_length=1,
        max_length=3,
    )
    is_active = serializers.BooleanField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Shown once: verify each delivery's signature with it.",
    )


class WebhookDeliverySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    endpoint = serializers.IntegerField(source="endpoint_id")
    event = serializers.CharField()
    event_id = serializers.UUIDField()
    status = serializers.CharField()
    attempts = serializers.IntegerField()
    response_status = serializers.IntegerField(allow_null=True)
    error = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    last_attempt_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    payload = serializers.DictField()


class PartnerCourseInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    url = serializers.URLField(
        max_length=500, help_text="Where a learner enrols at the partner."
    )
    learning_mode = serializers.ChoiceField(choices=LearningMode.choices)
    delivery = serializers.ChoiceField(choices=Delivery.choices)
    level = serializers.ChoiceField(choices=Level.choices)
    course_language = serializers.ChoiceField(choices=CourseLanguage.choices)
    starts_on = serializers.DateField(required=False, allow_null=True)

    def validate_url(self, value: str) -> str:
        if not value.lower().startswith(("https://", "http://")):
            raise serializers.ValidationError(_("Use an http(s) address."))
        return value


class PartnerCourseSerializer(PartnerCourseInSerializer):
    id = serializers.CharField(source="external_id")
    listed = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    def get_listed(self, course) -> bool:
        return course.withdrawn_at is None
