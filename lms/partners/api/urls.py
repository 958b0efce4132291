"""The partner API's URLs, included under /api/v1/ by lms.urls."""

from django.urls import path, re_path, register_converter

from . import views


class AnyIntConverter:
    """Any integer, signed and however long: the view answers a problem+json
    404 for ids out of range, not Django's HTML page."""

    regex = r"-?[0-9]{1,40}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(AnyIntConverter, "anyint")

urlpatterns = [
    path("catalog/courses/", views.CatalogCourseList.as_view(), name="catalog"),
    path("catalog/facets/", views.CatalogFacets.as_view(), name="catalog-facets"),
    path(
        "catalog/courses/<anyint:pk>/",
        views.CatalogCourseDetail.as_view(),
        name="catalog-course",
    ),
    path(
        "catalog/courses/<anyint:pk>/outline/",
        views.CourseOutlineView.as_view(),
        name="course-outline",
    ),
    path(
        "catalog/courses/<anyint:pk>/cartridge/",
        views.CourseCartridgeView.as_view(),
        name="course-cartridge",
    ),
    path("lessons/<anyint:pk>/", views.LessonContentView.as_view(), name="lesson"),
    path("publications/", views.PublicationList.as_view(), name="publications"),
    path(
        "publications/<anyint:pk>/",
        views.PublicationDetail.as_view(),
        name="publication",
    ),
    path("enrolments/", views.EnrolmentList.as_view(), name="enrolments"),
    path("enrolments/<anyint:pk>/", views.EnrolmentDetail.as_view(), name="enrolment"),
    re_path(
        r"^certificates/(?P<code>[A-Za-z0-9_-]{1,64})/$",
        views.CertificateVerify.as_view(),
        name="certificate-verify",
    ),
    path("partner-courses/", views.PartnerCourseList.as_view(), name="partner-courses"),
    re_path(
        rf"^partner-courses/(?P<external_id>{views.PARTNER_COURSE_ID})/$",
        views.PartnerCourseDetail.as_view(),
        name="partner-course",
    ),
    path("webhooks/", views.WebhookList.as_view(), name="webhooks"),
    path("webhooks/<anyint:pk>/", views.WebhookDetail.as_view(), name="webhook"),
    path(
        "webhooks/<anyint:pk>/deliveries/",
        views.WebhookDeliveryList.as_view(),
        name="webhook-deliveries",
    ),
    path(
        "webhooks/deliveries/<anyint:pk>/redeliver/",
        views.WebhookRedeliver.as_view(),
        name="webhook-redeliver",
    ),
]
