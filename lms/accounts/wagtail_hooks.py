"""What accounts adds to the site through Wagtail hooks: the footer's privacy
link, and the privacy policy's versions in effect kept from deletion."""

from django.contrib import messages
from django.shortcuts import redirect
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


def _policy_in_effect(page) -> bool:
    """`page` is a privacy policy version in effect, or the policy holding one."""
    from .privacy_pages import PrivacyPolicyIndexPage, PrivacyPolicyPage

    if isinstance(page, PrivacyPolicyPage):
        return page.is_in_effect
    if isinstance(page, PrivacyPolicyIndexPage):
        return any(
            version.is_in_effect
            for version in PrivacyPolicyPage.objects.child_of(page).live()
        )
    return False


@hooks.register("before_delete_page")
@hooks.register("before_unpublish_page")
def privacy_policy_in_effect_kept(request, page):
    """People were told this text: a version in effect stays published and
    readable at its address; a later version replaces it."""
    if not _policy_in_effect(page.specific):
        return None
    messages.error(
        request,
        _(
            "A privacy policy version in effect cannot be deleted or unpublished: "
            "add a new version instead."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
