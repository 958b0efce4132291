"""Celery tasks of the LTI tool: ids in, idempotent, retried when the platform
is unavailable (5xx, 429, no answer)."""

from celery import shared_task

from ..models import LtiContext, LtiLineItem, LtiResourceLink
from . import ags, keys, nrps

RETRY = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": 6,
}


def _retry_or_raise(task, error: ags.LtiServiceError):
    if error.retryable:
        countdown = min(2**task.request.retries * 30, 3600)
        raise task.retry(exc=error, countdown=countdown)
    raise error


@shared_task(**RETRY)
def lti_line_item_ensure(self, context_id: int, page_id: int, link_id: int) -> None:
    """Make the line item of a graded page in a context (once)."""
    from wagtail.models import Page

    context = LtiContext.objects.select_related("platform").get(pk=context_id)
    link = LtiResourceLink.objects.filter(pk=link_id).first()
    try:
        ags.line_item_ensure(
            context=context,
            page=Page.objects.get(pk=page_id),
            resource_link_id=link.resource_link_id if link else "",
        )
    except ags.LtiServiceError as error:
        _retry_or_raise(self, error)


@shared_task(**RETRY)
def lti_score_publish(
    self,
    line_item_id: int,
    user_id: int,
    score_given: float | None,
    score_maximum: float,
    activity_progress: str,
    grading_progress: str,
) -> bool:
    """Send a learner's score to the platform's gradebook."""
    line_item = (
        LtiLineItem.objects.select_related("context__platform")
        .filter(pk=line_item_id)
        .first()
    )
    if line_item is None:
        return False
    try:
        return ags.score_publish(
            line_item=line_item,
            user_id=user_id,
            score_given=score_given,
            score_maximum=score_maximum,
            activity_progress=activity_progress,
            grading_progress=grading_progress,
        )
    except ags.LtiServiceError as error:
        _retry_or_raise(self, error)


@shared_task(**RETRY)
def lti_roster_sync(self, context_id: int) -> dict:
    """Bring the run's enrolments in line with the platform's roster."""
    context = LtiContext.objects.select_related("platform").get(pk=context_id)
    if not context.memberships_url:
        return {}
    try:
        report = nrps.roster_sync(context=context)
    except ags.LtiServiceError as error:
        _retry_or_raise(self, error)
    return {"added": len(report.added), "removed": len(report.removed)}


@shared_task(acks_late=True)
def lti_roster_sync_all() -> int:
    """Beat: queue a roster sync for every context that offers one."""
    ids = list(
        LtiContext.objects.exclude(memberships_url="")
        .filter(platform__is_active=True)
        .values_list("pk", flat=True)
    )
    for pk in ids:
        lti_roster_sync.delay(pk)
    return len(ids)


@shared_task(acks_late=True)
def lti_tool_key_rotate() -> str:
    """Beat: a new signing key; the old one stays published for the overlap."""
    return keys.tool_key_rotate().kid
