"""Template tags of social learning.

`{% notification_bell %}` is meant for the site header (cms/templates/base.html):
a link to the notification centre with the unread count. It reads the count
from the cache (kept by the notification services), so on most pages it runs
no query at all.
"""

from django import template

from ..services.notifications import notification_unread_count

register = template.Library()


@register.inclusion_tag("community/includes/bell.html", takes_context=True)
def notification_bell(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "count": notification_unread_count(user=user)}


@register.inclusion_tag("community/includes/nav.html", takes_context=True)
def community_nav(context, current=""):
    request = context.get("request")
    user = request.user
    return {
        "current": current,
        "unread": notification_unread_count(user=user),
        "user": user,
    }
