"""Who may see the staff screens, and the query parameters they share."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from lms.learning.permissions import is_center_staff

from ...models import Building


def staff_required(view):
    """Signed in (else to the login page) and center staff (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_center_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _building(request) -> Building | None:
    code = request.GET.get("building")
    if not code:
        return None
    return Building.objects.filter(code=code).first()


def _page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1
