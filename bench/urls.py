"""The project's URLs plus the bare-Django ceiling view.

The ceiling comes first, ahead of the i18n patterns, so that it passes through
the same middleware stack as every page while doing no work of its own.
"""

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as project_urlpatterns


def ceiling(request):
    """The fastest answer Django can give here: no database, no template."""
    return HttpResponse(b"ceiling\n", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling, name="bench-ceiling")]
urlpatterns += project_urlpatterns
