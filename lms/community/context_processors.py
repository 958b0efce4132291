"""`community_unread_count` in every template, computed only when used.

An alternative to the `{% notification_bell %}` tag for the site shell: add
"lms.community.context_processors.notifications" to the template context
processors and write `{{ community_unread_count }}`.
"""

from django.utils.functional import SimpleLazyObject

from .services.notifications import notification_unread_count


def notifications(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "community_unread_count": SimpleLazyObject(
            lambda: notification_unread_count(user=user)
        )
    }
