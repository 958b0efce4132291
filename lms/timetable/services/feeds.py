"""The secret token of a person's calendar feed."""

from django.db import transaction
from django.utils import timezone

from ..models import CalendarFeedToken, feed_token_new


def feed_token_for(*, user) -> CalendarFeedToken:
    """The user's token, made on first use."""
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def feed_token_rotate(*, user) -> CalendarFeedToken:
    """A new secret: the old feed URL answers 404 from now on."""
    token, created = CalendarFeedToken.objects.select_for_update().get_or_create(
        user=user
    )
    if not created:
        token.token = feed_token_new()
        token.created_at = timezone.now()
        token.save(update_fields=["token", "created_at"])
    return token
