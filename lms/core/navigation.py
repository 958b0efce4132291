"""Menus in the site header: links that apps register, beside the CMS pages.

Three menus: `main` (after the site's pages in the main navigation, e.g. the
learning library), `personal` (the signed-in person's menu) and `footer`.

The site shell (`cms`, the top layer) draws the menu, but the links belong to
the apps below it (my learning, my calendar, my stay, my certificates…). Each
app returns its items from a function registered, in its `wagtail_hooks.py`,
under the Wagtail hook `register_nav_items`:

    @hooks.register(NAV_ITEMS_HOOK)
    def nav_items() -> Iterable[NavItem]:
        return [NavItem("lodging", _("My stay"), "lodging:my-stays", order=30)]

The functions are called once per process (`lms.core.hooks.hook_results`); the
header asks for the items visible to the person looking, sorted by `order` then
`key`. Two items with one key: the later hook's wins. Visibility is decided
from what the request already holds (`user.is_authenticated`, `user.is_staff`):
the menu is on every page, so it must not cost a query. A `badge` (an unread
count, say) may; it should read the cache first.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from .hooks import hook_results

NAV_ITEMS_HOOK = "register_nav_items"


def signed_in(request) -> bool:
    return request.user.is_authenticated


def staff_only(request) -> bool:
    return request.user.is_authenticated and request.user.is_staff


@dataclass(frozen=True)
class NavItem:
    """A link in the personal menu; `label` is a lazy translation."""

    key: str
    label: str
    url_name: str
    order: int = 100
    visible: Callable = signed_in
    badge: Callable | None = None
    menu: str = "personal"


def everyone(request) -> bool:
    return True


@dataclass(frozen=True)
class NavLink:
    key: str
    label: str
    url: str
    active: bool
    badge: int | None = None


def nav_items() -> list[NavItem]:
    """Every registered item of every menu, by `order` then `key`."""
    items: dict[str, NavItem] = {}
    for registered in hook_results(NAV_ITEMS_HOOK):
        for item in registered:
            items[item.key] = item
    return sorted(items.values(), key=lambda item: (item.order, item.key))


def nav_links_for(request, *, menu: str = "personal") -> list[NavLink]:
    """The items of `menu` that `request.user` may see, in their order, as links."""
    links = []
    for item in nav_items():
        if item.menu != menu or not item.visible(request):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        links.append(
            NavLink(
                key=item.key,
                label=str(item.label),
                url=url,
                active=request.path == url
                or (item.menu == "main" and request.path.startswith(url)),
                badge=item.badge(request) if item.badge else None,
            )
        )
    return links
