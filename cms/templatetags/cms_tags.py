"""The site shell's template tags: main navigation and the language switcher."""

from django import template
from django.conf import settings
from django.db.models import Prefetch
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

from lms.core.navigation import nav_links_for
from lms.core.page_cache import site_for_request, version_cached

from ..navigation_models import NavigationLink, SiteNavigation

register = template.Library()


NO_NAVIGATION = {"main": [], "footer": [], "footer_title": "", "footer_text": ""}


def _navigation(site, language: str, request) -> dict:
    """The links and the footer staff set for `site`, in `language`."""
    navigation = (
        SiteNavigation.objects.filter(site=site)
        .prefetch_related(
            Prefetch(
                "links",
                queryset=NavigationLink.objects.select_related("page").order_by(
                    "sort_order"
                ),
            )
        )
        .first()
    )
    if navigation is None:
        return NO_NAVIGATION
    korean = language == "ko"
    rows = list(navigation.links.all())
    # each linked page in the reader's language, live, in one query
    translations = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[row.page.translation_key for row in rows if row.page],
            locale__language_code=language,
            live=True,
        )
    }
    links = {"main": [], "footer": []}
    for link in rows:
        if link.page is not None:
            page = translations.get(link.page.translation_key)
            if page is None:  # no live page in this language: the linked one
                page = link.page if link.page.live else None
            if page is None:
                continue
            url = page.get_url(request)
            label = (
                (link.label or page.title) if korean else (link.label_en or page.title)
            )
        else:
            url = link.url
            label = link.label if korean else (link.label_en or link.label)
        if url:
            links[link.location].append({"label": label, "url": url})
    return {
        **links,
        "footer_title": navigation.footer_title
        if korean
        else navigation.footer_title_en or navigation.footer_title,
        "footer_text": navigation.footer_text
        if korean
        else navigation.footer_text_en or navigation.footer_text,
    }


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
                "navigation": _navigation(site, language, request),
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
            else {"home_url": "/", "menu": [], "navigation": NO_NAVIGATION}
        )
    return request._campus_shell


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    menu = _shell_for_request(request)["menu"] if request else []
    current_path = getattr(context.get("page"), "path", "")
    items = [{**item, "active": current_path.startswith(item["path"])} for item in menu]
    links = []
    if request is not None:
        links = [
            {**link, "active": request.path == link["url"]}
            for link in _shell_for_request(request)["navigation"]["main"]
        ] + nav_links_for(request, menu="main")
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
    """The footer's links: those staff set, then those apps registered (e.g.
    certificate verification)."""
    request = context.get("request")
    if request is None:
        return {"links": []}
    staff_links = _shell_for_request(request)["navigation"]["footer"]
    return {"links": [*staff_links, *nav_links_for(request, menu="footer")]}


@register.simple_tag(takes_context=True)
def site_footer(context) -> dict:
    """The footer's title and text as staff set them ("" where they left the
    default, which the template says in the reader's language)."""
    request = context.get("request")
    if request is None:
        return {"title": "", "text": ""}
    navigation = _shell_for_request(request)["navigation"]
    return {"title": navigation["footer_title"], "text": navigation["footer_text"]}
