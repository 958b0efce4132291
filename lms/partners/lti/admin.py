"""Staff manage LTI registrations in the admin; the forms save through models
that services also use (no extra logic lives here)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ..models import (
    LtiContext,
    LtiDeployment,
    LtiLineItem,
    LtiPlatform,
    LtiResourceLink,
    LtiToolKey,
)


class LtiDeploymentInline(admin.TabularInline):
    model = LtiDeployment
    extra = 1


@admin.register(LtiPlatform)
class LtiPlatformAdmin(admin.ModelAdmin):
    list_display = ["__str__", "institution", "issuer", "client_id", "is_active"]
    list_filter = ["is_active", "institution"]
    search_fields = ["name", "issuer", "client_id"]
    readonly_fields = ["uuid", "created_at"]
    inlines = [LtiDeploymentInline]


@admin.register(LtiContext)
class LtiContextAdmin(admin.ModelAdmin):
    list_display = ["__str__", "platform", "context_id", "run", "roster_synced_at"]
    list_filter = ["platform"]
    search_fields = ["title", "context_id"]
    raw_id_fields = ["run"]
    readonly_fields = ["memberships_url", "lineitems_url", "ags_scopes"]
    actions = ["roster_sync"]

    @admin.action(description=_("Sync the roster from the platform"))
    def roster_sync(self, request, queryset):
        from .tasks import lti_roster_sync

        for context in queryset.exclude(memberships_url=""):
            lti_roster_sync.delay(context.pk)
        messages.success(request, _("Roster sync queued."))


@admin.register(LtiResourceLink)
class LtiResourceLinkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "platform", "context", "page"]
    list_filter = ["platform"]
    raw_id_fields = ["page", "context"]


@admin.register(LtiLineItem)
class LtiLineItemAdmin(admin.ModelAdmin):
    list_display = ["url", "context", "page", "resource_id"]


@admin.register(LtiToolKey)
class LtiToolKeyAdmin(admin.ModelAdmin):
    list_display = ["kid", "is_current", "created_at", "published_until"]
    fields = ["kid", "is_current", "created_at", "retired_at", "published_until"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # keys are made by `manage.py lti_key_rotate`
