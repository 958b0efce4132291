from functools import lru_cache

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from lms.core.site_url import absolute_url


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: the site's icon."""
    return redirect(static("cms/icons/favicon.ico"), permanent=True)


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    body = _robots_body(absolute_url(reverse("sitemap"), request))
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@lru_cache(maxsize=8)
def _robots_body(sitemap_url: str) -> str:
    """The same few lines for every request to a host: rendered once."""
    return render_to_string("robots.txt", {"sitemap_url": sitemap_url})
