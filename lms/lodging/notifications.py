"""E-mail a guest when their stay changes, once per change."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from lms.core.mail import mail_queue
from lms.core.site_url import public_base_url
from lms.learning.selectors import run_in_language

from .models import Stay, StayStatus

NOTIFIED = {
    StayStatus.WAITLISTED,
    StayStatus.HELD,
    StayStatus.CONFIRMED,
    StayStatus.CANCELLED,
    StayStatus.EXPIRED,
}


def stay_status_notify(*, stay_id: int) -> bool:
    """Tell the guest the stay's current status. Safe to run twice."""
    with transaction.atomic():
        stay = (
            Stay.objects.select_for_update(of=("self",))
            .select_related("guest", "run__course", "bed__room__floor__building")
            .filter(pk=stay_id)
            .first()
        )
        if stay is None or stay.guest_id is None or stay.status not in NOTIFIED:
            return False
        if stay.notified_status == stay.status:
            return False
        previous = stay.notified_status
        stay.notified_status = stay.status
        stay.save(update_fields=["notified_status"])
    guest = stay.guest
    with translation.override(guest.preferred_language or settings.LANGUAGE_CODE):
        run_in_language(stay.run)  # the run's course in the guest's language
        context = {
            "stay": stay,
            "guest": guest,
            "building": stay.bed.room.floor.building if stay.bed_id else None,
            "promoted": previous == StayStatus.WAITLISTED
            and stay.status == StayStatus.HELD,
            "site_url": public_base_url(),
        }
        subject = render_to_string("lodging/email/status_subject.txt", context).strip()
        body = render_to_string("lodging/email/status_body.txt", context)
    mail_queue(to=[guest.email], subject=subject, body=body)
    return True
