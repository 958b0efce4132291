from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models import ForeignKey
        from filer.models import File
        from wagtail.admin.forms.models import register_form_field_override

        from . import checks  # noqa: F401  (registers them)
        from .metrics import metrics_collectors_register
        from .request_id import request_id_celery_connect

        metrics_collectors_register()
        request_id_celery_connect()
        from .filer_chooser import filer_file_chooser_viewset

        # The viewset registers this too, but only once the admin URLs load;
        # system checks build page forms earlier and would cache a plain select.
        register_form_field_override(
            ForeignKey,
            to=File,
            override={"widget": filer_file_chooser_viewset.widget_class},
        )

        from django.db.models.signals import post_delete, post_save
        from wagtail.models import (
            Locale,
            Page,
            PageViewRestriction,
            Site,
            get_page_models,
        )
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .page_cache import page_cache_clear_on_save, page_cache_clear_receiver

        # any page written, moved or deleted (drafts too: rare, and never stale),
        # and what decides where pages are and who sees them; named senders, so
        # that saving any other row costs nothing (docs/decisions/0001)
        for model in {Page, PageViewRestriction, Site, Locale, *get_page_models()}:
            for signal in (post_save, post_delete):
                signal.connect(page_cache_clear_on_save, sender=model)
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_cache_clear_receiver)
