"""Django admin for accounts: staff act on deletion requests here."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    AccountDeletionRequest,
    Consent,
    ConsentItem,
    ConsentItemVersion,
    GuardianConsent,
    Organization,
    User,
)
from .services import (
    AccountError,
    account_deletion_process,
    account_deletion_reject,
    consent_item_save,
    consents_record,
    guardian_consent_record,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "name_ko",
        "name_en",
        "organization",
        "is_staff",
        "is_active",
    ]
    list_filter = ["is_staff", "is_active", "groups", "organization__type"]
    search_fields = ["email", "name_ko", "name_en", "phone"]
    list_select_related = ["organization"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "name_ko",
                    "name_en",
                    "phone",
                    "organization",
                    "preferred_language",
                ]
            },
        ),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (
            _("Dates"),
            {"fields": ["last_login", "date_joined", "mfa_required_since"]},
        ),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})
    ]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "type", "region", "registration_number"]
    list_filter = ["type", "region"]
    search_fields = ["name", "name_en", "registration_number"]


@admin.register(AccountDeletionRequest)
class AccountDeletionRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "requested_at", "processed_at", "processed_by"]
    list_filter = ["status"]
    list_select_related = ["user", "processed_by"]
    readonly_fields = [
        "user",
        "reason",
        "status",
        "requested_at",
        "staff_notified_at",
        "processed_at",
        "processed_by",
    ]
    actions = ["process_requests", "reject_requests"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Delete the accounts of the selected requests"))
    def process_requests(self, request, queryset):
        self._act(
            request,
            queryset,
            lambda r: account_deletion_process(request=r, staff=request.user),
        )

    @admin.action(description=_("Reject the selected requests"))
    def reject_requests(self, request, queryset):
        self._act(
            request,
            queryset,
            lambda r: account_deletion_reject(request=r, staff=request.user, note=""),
        )

    def _act(self, request, queryset, action):
        done = 0
        for deletion_request in queryset:
            try:
                action(deletion_request)
                done += 1
            except AccountError as error:
                self.message_user(
                    request, f"{deletion_request}: {error.message}", messages.WARNING
                )
        self.message_user(request, _("%(count)d request(s) handled.") % {"count": done})


class ConsentItemVersionInline(admin.TabularInline):
    model = ConsentItemVersion
    fields = ["number", "required", "title_ko", "title_en", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ConsentItem)
class ConsentItemAdmin(admin.ModelAdmin):
    """Staff edit the consent texts in both languages; a changed text is saved
    as a new version, and a new version of a required item is asked again."""

    list_display = ["title_ko", "title_en", "purpose", "required", "order"]
    inlines = [ConsentItemVersionInline]

    def save_model(self, request, obj, form, change):
        consent_item_save(item=obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """The record of consents, as evidence: never changed or deleted. Staff add a
    consent given or refused on paper; it is recorded as such, by them."""

    list_display = ["user", "version", "given", "method", "recorded_at"]
    list_filter = ["item", "given", "method"]
    search_fields = ["user__email"]
    list_select_related = ["user", "version"]
    autocomplete_fields = ["user"]
    fields = ["user", "version", "given"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["user", "version", "item", "given", "method", "recorded_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        return ["user", "version", "given", "method", "recorded_at", "recorded_by"]

    def save_model(self, request, obj, form, change):
        if change:
            return
        consents_record(
            user=obj.user,
            choices={obj.version: obj.given},
            method=Consent.Method.PAPER,
            recorded_by=request.user,
        )

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GuardianConsent)
class GuardianConsentAdmin(admin.ModelAdmin):
    """Staff record a guardian's consent given on paper or by phone."""

    list_display = ["user", "guardian_name", "method", "recorded_at", "recorded_by"]
    fields = ["user", "guardian_name", "guardian_contact", "relationship", "method"]
    autocomplete_fields = ["user"]
    search_fields = ["user__email", "guardian_name"]

    def save_model(self, request, obj, form, change):
        if change:
            return
        guardian_consent_record(
            user=obj.user,
            guardian_name=obj.guardian_name,
            guardian_contact=obj.guardian_contact,
            relationship=obj.relationship,
            method=obj.method,
            recorded_by=request.user,
        )

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False
