"""URLs: technical endpoints unprefixed; the site under i18n prefixes.

/ is Korean (the default, unprefixed) and /en/ is English.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.sitemaps import TranslatedSitemap
from cms.town_views.events import events_feed as town_events_feed
from cms.views import robots_txt
from lms.accounts import api as accounts_api

api_v1 = [
    path("me/", accounts_api.me, name="me"),
]

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": TranslatedSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("calendar/town/events.ics", town_events_feed, name="town-events-feed"),
    path("calendar/", include("lms.timetable.feed_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("lms.accounts.urls")),
    path("learn/", include("lms.learning.urls")),
    path("lodging/", include("lms.lodging.urls")),
    path("community/", include("lms.community.urls")),
    path("library/", include("courses.urls")),
    path("", include("certificates.urls")),
    path("timetable/", include("lms.timetable.urls")),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
