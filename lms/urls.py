"""URLs: technical endpoints unprefixed; the site under i18n prefixes.

/ is Korean (the default, unprefixed) and /en/ is English.
"""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.sitemaps import TranslatedSitemap
from cms.town_views.events import events_feed as town_events_feed
from cms.views import favicon, robots_txt
from lms.accounts import api as accounts_api
from lms.core import health, metrics, security
from lms.core.mailbox import mailbox
from research_portal.oai import oai_endpoint

api_v1 = [
    path("me/", accounts_api.me, name="me"),
    path("", include("lms.partners.api.urls")),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("csp-report", security.csp_report, name="csp-report"),
    # Common Cartridge export and import, refused with a 403 (Wagtail redirects)
    path("admin/cartridge/", include("lms.partners.cartridge_urls")),
    path("admin/research/", include("research_portal.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": TranslatedSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("calendar/town/events.ics", town_events_feed, name="town-events-feed"),
    path("calendar/", include("lms.timetable.feed_urls")),
    path("oai", oai_endpoint, name="oai"),
    path("lti/", include("lms.partners.lti.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # static() adds nothing when DEBUG is off, so the route is spelled out
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("lms.accounts.urls")),
    path("learn/", include("lms.learning.urls")),
    path("lodging/", include("lms.lodging.urls")),
    path("community/", include("lms.community.urls")),
    path("library/", include("courses.urls")),
    path("", include("certificates.urls")),
    path("timetable/", include("lms.timetable.urls")),
    path("mailbox/", mailbox, name="mailbox"),
    path("partners/", include("lms.partners.urls")),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
