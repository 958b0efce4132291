"""Django admin: the audit trail (read only) and notifications, for staff."""

from django.contrib import admin

from .models import ModerationLog, Notification, NotificationDigest


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "thread", "post", "subject"]
    list_filter = ["action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__email"]
    raw_id_fields = ["recipient", "actor", "digest"]
    readonly_fields = ["created_at"]


@admin.register(NotificationDigest)
class NotificationDigestAdmin(admin.ModelAdmin):
    list_display = ["day", "recipient", "item_count", "sent_at"]
    raw_id_fields = ["recipient"]
