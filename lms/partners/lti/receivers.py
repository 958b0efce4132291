"""Scores go back to the platforms: on quiz submission, assignment grading and
course completion; cached registrations are dropped when a row changes.

Connected in PartnersConfig.ready(): lms.learning is a lower layer and knows
nothing of LTI.
"""

from functools import partial

from django.db import transaction

from lms.learning.models import (
    QuizAttempt,
    QuizAttemptStatus,
    Submission,
    SubmissionStatus,
)

from ..models import LtiLineItem

COMPLETED, SUBMITTED = "Completed", "Submitted"
FULLY_GRADED, PENDING_MANUAL = "FullyGraded", "PendingManual"


def _queue(
    line_items, *, user_id, score, activity, grading, maximum: float = 100.0
) -> None:
    from .tasks import lti_score_publish

    for line_item in line_items:
        lti_score_publish.delay(
            line_item.pk, user_id, score, maximum, activity, grading
        )


def _line_items_for(*, page_id: int, user_id: int):
    """The line items of `page_id` in contexts of the platforms the learner
    came from (a learner from elsewhere has nothing to send)."""
    return LtiLineItem.objects.filter(
        page_id=page_id, context__platform__identities__user_id=user_id
    ).distinct()


def _quiz_scores_queue(attempt_id: int) -> None:
    attempt = QuizAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return
    line_items = _line_items_for(page_id=attempt.quiz_id, user_id=attempt.learner_id)
    graded = attempt.percent is not None
    _queue(
        line_items,
        user_id=attempt.learner_id,
        score=float(attempt.percent) if graded else None,
        activity=COMPLETED,
        grading=FULLY_GRADED if graded else PENDING_MANUAL,
    )


def quiz_attempt_saved(sender, instance, **kwargs) -> None:
    if instance.status == QuizAttemptStatus.SUBMITTED:
        transaction.on_commit(partial(_quiz_scores_queue, instance.pk))


def _assignment_score_queue(submission_id: int) -> None:
    submission = (
        Submission.objects.select_related("assignment")
        .filter(pk=submission_id, status=SubmissionStatus.GRADED)
        .first()
    )
    if submission is None or submission.score is None:
        return  # replaced by a resubmission before the commit
    _queue(
        _line_items_for(
            page_id=submission.assignment_id, user_id=submission.learner_id
        ),
        user_id=submission.learner_id,
        score=float(submission.score),
        maximum=float(submission.assignment.max_points),
        activity=COMPLETED,
        grading=FULLY_GRADED,
    )


def submission_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """An instructor graded (or re-graded) a submission: its score goes back
    after the commit, by Celery, to every platform's column for it."""
    if instance.status != SubmissionStatus.GRADED:
        return
    if update_fields is not None and "score" not in update_fields:
        return
    transaction.on_commit(partial(_assignment_score_queue, instance.pk))


def enrollment_completed_score(sender, enrollment, **kwargs) -> None:
    line_items = LtiLineItem.objects.filter(
        page_id=enrollment.run.course_id,
        context__run_id=enrollment.run_id,
        context__platform__identities__user_id=enrollment.learner_id,
    ).distinct()
    grade = enrollment.final_grade
    _queue(
        line_items,
        user_id=enrollment.learner_id,
        score=float(grade) if grade is not None else 100.0,
        activity=COMPLETED,
        grading=FULLY_GRADED,
    )


def frame_origins_forget(sender, **kwargs) -> None:
    from django.core.cache import cache

    from .selectors import FRAME_ORIGINS_KEY

    transaction.on_commit(lambda: cache.delete(FRAME_ORIGINS_KEY))


def registration_forget(sender, instance, **kwargs) -> None:
    """A registration or deployment changed: the cached copies go (now, and
    again after commit, so that no request re-caches the old row meanwhile)."""
    from django.core.cache import cache

    from ..models import LtiPlatform
    from .selectors import deployment_cache_key, platform_cache_keys

    if isinstance(instance, LtiPlatform):
        keys = platform_cache_keys(instance)
    else:
        keys = [deployment_cache_key(instance.platform_id, instance.deployment_id)]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from lms.learning.signals import enrollment_completed

    from ..models import LtiDeployment, LtiPlatform

    for signal in (post_save, post_delete):
        signal.connect(
            frame_origins_forget, sender=LtiPlatform, dispatch_uid="lti-frame-origins"
        )
        for model in (LtiPlatform, LtiDeployment):
            signal.connect(
                registration_forget,
                sender=model,
                dispatch_uid=f"lti-registration-{model.__name__}",
            )

    post_save.connect(
        quiz_attempt_saved, sender=QuizAttempt, dispatch_uid="lti-quiz-score"
    )
    post_save.connect(
        submission_saved, sender=Submission, dispatch_uid="lti-assignment-score"
    )
    enrollment_completed.connect(
        enrollment_completed_score, dispatch_uid="lti-course-score"
    )
