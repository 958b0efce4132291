"""The partner REST API v1: thin views over the partners' selectors and services,
one module per concern; `docs` holds the OpenAPI pieces they share."""

from .catalog import (
    CatalogCourseDetail,
    CatalogCourseList,
    CatalogFacets,
    CourseOutlineView,
)
from .content import CourseCartridgeView, LessonContentView
from .enrolments import CertificateVerify, EnrolmentDetail, EnrolmentList
from .partner_courses import PARTNER_COURSE_ID, PartnerCourseDetail, PartnerCourseList
from .publications import PublicationDetail, PublicationList
from .webhooks import (
    WebhookDeliveryList,
    WebhookDetail,
    WebhookList,
    WebhookRedeliver,
)

__all__ = [
    "PARTNER_COURSE_ID",
    "CatalogCourseDetail",
    "CatalogCourseList",
    "CatalogFacets",
    "CertificateVerify",
    "CourseCartridgeView",
    "CourseOutlineView",
    "EnrolmentDetail",
    "EnrolmentList",
    "LessonContentView",
    "PartnerCourseDetail",
    "PartnerCourseList",
    "PublicationDetail",
    "PublicationList",
    "WebhookDeliveryList",
    "WebhookDetail",
    "WebhookList",
    "WebhookRedeliver",
]
