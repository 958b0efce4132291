"""E-mail enrolled learners when a session moves or is cancelled, once per change."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.community.services import notification_send_many
from lms.core.mail import mail_queue
from lms.core.site_url import public_base_url
from lms.learning.models import SEAT_HOLDING
from lms.learning.selectors import course_in_language

from .models import LectureSession, SessionNotice


def session_change_notify(*, session_id: int, sequence: int) -> int:
    """Tell the run's learners about change `sequence` of the session.

    Safe to run twice: a SessionNotice row per learner and change is written
    before the mail goes, under the session's row lock, so a second run (or a
    parallel worker) finds them and sends nothing. A change that a later one
    has overtaken is left to the later one's task. Returns the mails sent.
    """
    with transaction.atomic():
        session = (
            LectureSession.objects.select_for_update(of=("self",))
            .select_related("room__building", "run__course")
            .filter(pk=session_id)
            .first()
        )
        if session is None or session.run_id is None or session.sequence != sequence:
            return 0
        learners = list(
            User.objects.filter(
                enrollments__run_id=session.run_id,
                enrollments__status__in=SEAT_HOLDING,
            ).exclude(
                pk__in=SessionNotice.objects.filter(
                    session=session, sequence=sequence
                ).values("learner_id")
            )
        )
        SessionNotice.objects.bulk_create(
            SessionNotice(session=session, learner=learner, sequence=sequence)
            for learner in learners
        )
    titles: dict[str, str] = {}

    def course_title() -> str:
        """The course's title in the active language, looked up once a language."""
        language = translation.get_language() or ""
        if language not in titles:
            titles[language] = course_in_language(session.run.course).title
        return titles[language]

    # in the notification centre too; the e-mail below goes out now, whatever
    # the learner's digest preference
    notification_send_many(
        recipients=learners,
        kind="session.changed",
        title=lambda: (
            (
                _("Cancelled: %(title)s")
                if session.is_cancelled
                else _("Changed: %(title)s")
            )
            % {"title": session.title}
        ),
        body=course_title,
        url=session.get_absolute_url(),
        dedupe_key=f"session:{session.pk}:{sequence}",
        email=False,
    )
    meetings = list(session.occurrences.order_by("starts_at"))
    for learner in learners:
        with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
            context = {
                "session": session,
                "course_title": course_title(),
                "learner": learner,
                "meetings": meetings,
                "site_url": public_base_url(),
            }
            subject = render_to_string(
                "timetable/email/change_subject.txt", context
            ).strip()
            body = render_to_string("timetable/email/change_body.txt", context)
        mail_queue(to=[learner.email], subject=subject, body=body)
    return len(learners)
