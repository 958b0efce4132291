"""The site shell's template tags: main navigation and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

from lms.core.navigation import nav_links_for
from lms.core.page_cache import site_for_request, version_cached

register = template.Library()


def _shell_for_request(request) -> dict:
    """The current language's home page URL and main-menu pages, for every
    page of the site: kept in the cache until content changes, and on the
    request."""
    if not hasattr(request, "_campus_shell"):
        site = site_for_request(request)
        language = get_language()

        def build() -> dict:
            root = site.root_page
            home = root.localized if root.locale.language_code != language else root
            menu = home.get_children().live().public().in_menu()
            return {
                "home_url": home.get_url(request),
                "menu": [
                    {
                        "path": page.path,
                        "title": page.title,
                        "url": page.get_url(request),
                    }
                    for page in menu
                ],
            }

        request._campus_shell = (
            version_cached(f"site-shell:{site.pk}:{language}", build)
            if site is not None
            else {"home_url": "/", "menu": []}
        )
    return request._campus_shell


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    menu = _shell_for_request(request)["menu"] if request else []
    current_path = getattr(context.get("page"), "path", "")
    items = [{**item, "active": current_path.startswith(item["path"])} for item in menu]
    links = nav_links_for(request, menu="main") if request is not None else []
    return {"items": items, "links": links, "request": request}


def _translation_urls(request, page: Page) -> dict[str, str]:
    """The URL of `page` in each language it is live in."""
    site = site_for_request(request) if request is not None else None

    def build() -> dict[str, str]:
        return {
            translation.locale.language_code: translation.get_url(request)
            for translation in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }

    if page.pk is None:  # the preview of a page not saved yet
        return build()
    return version_cached(
        f"page-translations:{getattr(site, 'pk', None)}:{page.pk}", build
    )


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language: its translation, or the same path."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = _translation_urls(request, page) if isinstance(page, Page) else {}
    links = []
    for code, _name in settings.LANGUAGES:
        url = translations.get(code)
        if url is None:
            url = translate_url(request.get_full_path(), code) if request else "/"
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
    return _shell_for_request(request)["home_url"] if request else "/"


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
