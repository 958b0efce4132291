"""The site shell's template tags: main navigation and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, Site

from lms.core.navigation import nav_links_for

register = template.Library()


def _home_for_request(request) -> Page | None:
    """The home page of the current language, cached on the request."""
    if not hasattr(request, "_campus_home"):
        site = Site.find_for_request(request)
        home = None
        if site is not None:
            root = site.root_page
            home = (
                root.localized if root.locale.language_code != get_language() else root
            )
        request._campus_home = home
    return request._campus_home


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    home = _home_for_request(request) if request else None
    pages = (
        home.get_children().live().public().in_menu() if home else Page.objects.none()
    )
    current_path = getattr(context.get("page"), "path", "")
    items = [
        {"page": page, "active": current_path.startswith(page.path)} for page in pages
    ]
    links = nav_links_for(request, menu="main") if request is not None else []
    return {"items": items, "links": links, "request": request}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language: its translation, or the same path."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    translations = {}
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
    for code, _name in settings.LANGUAGES:
        translated = translations.get(code)
        if translated is not None:
            url = translated.get_url(request)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = "/"
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "active": code == current,
            }
        )
    return {"links": links}


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    request = context.get("request")
    home = _home_for_request(request) if request else None
    return home.get_url(request) if home else "/"


@register.simple_tag
def active_locale() -> Locale | None:
    return Locale.get_active()


@register.inclusion_tag("includes/personal_menu.html", takes_context=True)
def personal_menu(context):
    """The signed-in person's menu: the links apps registered, then the account."""
    request = context.get("request")
    links = nav_links_for(request) if request is not None else []
    return {"links": links, "request": request, "user": context.get("user")}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """Links apps registered for the footer (e.g. certificate verification)."""
    request = context.get("request")
    return {"links": nav_links_for(request, menu="footer") if request else []}
