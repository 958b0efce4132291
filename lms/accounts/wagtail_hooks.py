"""What accounts adds to the site through Wagtail hooks: the footer's privacy link."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.core.navigation import NAV_ITEMS_HOOK, NavItem, everyone


@hooks.register(NAV_ITEMS_HOOK)
def nav_items():
    return [
        NavItem(
            "privacy-policy",
            _("Privacy policy"),
            "accounts:privacy",
            order=0,
            visible=everyone,
            menu="footer",
        )
    ]
