"""Django admin for center staff: partners, agreements, tokens (hash only),
the token audit log and webhook deliveries."""

from django.contrib import admin

from .models import (
    ApiToken,
    ApiTokenUse,
    PartnerAgreement,
    PartnerInstitution,
    WebhookDelivery,
    WebhookEndpoint,
)


@admin.register(PartnerInstitution)
class PartnerInstitutionAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "name_en", "slug", "is_active"]
    search_fields = ["name_ko", "name_en", "slug"]
    filter_horizontal = ["admins"]
    raw_id_fields = ["logo"]


@admin.register(PartnerAgreement)
class PartnerAgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "institution", "licence", "starts_on", "ends_on"]
    list_filter = ["licence", "institution"]
    filter_horizontal = ["courses"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "institution", "lookup", "expires_at", "revoked_at"]
    list_filter = ["institution"]
    readonly_fields = ["lookup", "hashed", "last_used_at", "rotated_to", "created_by"]
    exclude = []


@admin.register(ApiTokenUse)
class ApiTokenUseAdmin(admin.ModelAdmin):
    list_display = ["at", "token", "method", "path", "status", "outcome"]
    list_filter = ["status", "institution"]
    list_select_related = ["token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "institution", "is_active"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "endpoint", "status", "attempts"]
    list_filter = ["status", "event"]
    list_select_related = ["endpoint"]
    readonly_fields = [field.name for field in WebhookDelivery._meta.fields]
