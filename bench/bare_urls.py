"""The bare-Django ceiling: one plain view answering 12 KB of HTML.

About the size of a small page (the demo's cached pages are 6 to 30 KB); the
view builds nothing per request, so what it measures is Django's request cycle.
"""

from django.http import HttpResponse
from django.urls import path

_ROW = "<p>Campus bare-Django ceiling: a plain view with no middleware.</p>\n"
BODY = (
    '<!doctype html>\n<html lang="ko"><head><meta charset="utf-8">'
    "<title>bare</title></head><body>\n"
    + _ROW * (12 * 1024 // len(_ROW))
    + "</body></html>\n"
).encode()


def bare(request):
    """The fastest page Django can give: no middleware, no database, no template."""
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare, name="bench-bare")]
