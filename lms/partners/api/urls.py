"""The partner API's URLs, included under /api/v1/ by lms.urls."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("catalog/courses/", views.CatalogCourseList.as_view(), name="catalog"),
    path("catalog/facets/", views.CatalogFacets.as_view(), name="catalog-facets"),
    path(
        "catalog/courses/<int:pk>/",
        views.CatalogCourseDetail.as_view(),
        name="catalog-course",
    ),
    path(
        "catalog/courses/<int:pk>/outline/",
        views.CourseOutlineView.as_view(),
        name="course-outline",
    ),
    path("lessons/<int:pk>/", views.LessonContentView.as_view(), name="lesson"),
    path("enrolments/", views.EnrolmentList.as_view(), name="enrolments"),
    path("enrolments/<int:pk>/", views.EnrolmentDetail.as_view(), name="enrolment"),
    re_path(
        r"^certificates/(?P<code>[A-Za-z0-9_-]{1,64})/$",
        views.CertificateVerify.as_view(),
        name="certificate-verify",
    ),
    path("webhooks/", views.WebhookList.as_view(), name="webhooks"),
    path("webhooks/<int:pk>/", views.WebhookDetail.as_view(), name="webhook"),
    path(
        "webhooks/<int:pk>/deliveries/",
        views.WebhookDeliveryList.as_view(),
        name="webhook-deliveries",
    ),
    path(
        "webhooks/deliveries/<int:pk>/redeliver/",
        views.WebhookRedeliver.as_view(),
        name="webhook-redeliver",
    ),
]
