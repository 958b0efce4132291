"""What social learning hears from learning: enrolments and submissions.

Learning sits below this app and knows nothing of cohorts or peer review, so
this app listens to its models' `post_save` and acts after the commit.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save


def _enrollment_saved(sender, instance, created, raw=False, **kwargs):
    from lms.learning.models import SEAT_HOLDING

    from .models import RunCohortSettings

    if raw or instance.status not in SEAT_HOLDING:
        return
    if (
        not RunCohortSettings.objects.filter(run_id=instance.run_id)
        .exclude(auto_assign="")
        .exists()
    ):
        return
    from .tasks import cohort_auto_assign

    transaction.on_commit(partial(cohort_auto_assign.delay, instance.pk))


def _submission_saved(sender, instance, created, raw=False, **kwargs):
    from .models import PeerReviewSettings

    if raw or not created:
        return
    if not PeerReviewSettings.objects.filter(
        assignment_id=instance.assignment_id,
        is_enabled=True,
        round_started_at__isnull=False,
    ).exists():
        return
    from .tasks import peer_review_assign_late

    transaction.on_commit(partial(peer_review_assign_late.delay, instance.pk))


def connect() -> None:
    from lms.learning.models import Enrollment, Submission

    post_save.connect(
        _enrollment_saved, sender=Enrollment, weak=False, dispatch_uid="community-enr"
    )
    post_save.connect(
        _submission_saved, sender=Submission, weak=False, dispatch_uid="community-sub"
    )
