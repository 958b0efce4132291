"""Publications keep their OAI-PMH records and English aliases as they change."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from lms.core.page_cache import page_cache_clear_receiver

from .models import LivingLabPage, Person, PublicationPage, Series, Topic
from .services import (
    oai_record_sync,
    oai_record_withdraw,
    page_alias_ensure,
    publication_files_storage_sync,
)
from .tasks import publication_full_text_extract


def on_published(sender, instance, **kwargs):
    if instance.alias_of_id:
        return
    if isinstance(instance, PublicationPage):
        oai_record_sync(page=instance)
        publication_files_storage_sync(page=instance)
        transaction.on_commit(partial(publication_full_text_extract.delay, instance.pk))
    page_alias_ensure(page=instance)


def on_unpublished(sender, instance, **kwargs):
    if not instance.alias_of_id:
        oai_record_withdraw(publication_id=instance.pk)


def on_deleted(sender, instance, **kwargs):
    if not instance.alias_of_id:
        oai_record_withdraw(publication_id=instance.pk)


def connect() -> None:
    for model in (PublicationPage, LivingLabPage):
        page_published.connect(
            on_published, sender=model, dispatch_uid=f"rp-pub-{model.__name__}"
        )
    page_unpublished.connect(
        on_unpublished, sender=PublicationPage, dispatch_uid="rp-unpub"
    )
    post_delete.connect(on_deleted, sender=PublicationPage, dispatch_uid="rp-delete")
    # people, topics and series are named on cached pages and in cached facets
    for model in (Person, Series, Topic):
        for signal in (post_save, post_delete):
            signal.connect(
                page_cache_clear_receiver,
                sender=model,
                dispatch_uid=f"rp-cache-{model.__name__}-{signal is post_save}",
            )
