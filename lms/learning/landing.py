"""Where learners, instructors and staff land after signing in, and whether
the personal menu shows 강의 관리 (Teaching).

Whether someone teaches is found once, when they sign in, and kept in the
session: the menu is on every page and must not cost a query.
"""

from django.urls import reverse

from .assignment_selectors import teaches_any_course
from .permissions import is_center_staff

TEACHES_SESSION_KEY = "campus_teaches"


def teaches_remember(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: note whether the person teaches or is staff."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[TEACHES_SESSION_KEY] = bool(
        is_center_staff(user) or teaches_any_course(user=user)
    )


def teaching_visible(request) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    return user.is_staff or bool(request.session.get(TEACHES_SESSION_KEY))


def teaching_landing(request) -> str | None:
    """Instructors and staff start on their work: the runs and what waits."""
    return reverse("learning:teaching") if teaching_visible(request) else None


def learner_landing(request) -> str | None:
    """Everyone else starts on 나의 학습."""
    return reverse("learning:dashboard")
