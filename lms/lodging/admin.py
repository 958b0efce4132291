"""Django admin for stays: a searchable record; changes go through the office."""

from django.contrib import admin

from .models import OutOfService, Stay


@admin.register(Stay)
class StayAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "guest",
        "guest_name",
        "run",
        "bed",
        "check_in",
        "check_out",
        "status",
    ]
    list_filter = ["status", "kind", "needs_review", "room_policy"]
    search_fields = ["guest__email", "guest__name_ko", "guest__name_en", "guest_name"]
    list_select_related = ["guest", "run__course", "bed__room"]
    date_hierarchy = "check_in"
    raw_id_fields = ["guest", "enrollment", "run", "bed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutOfService)
class OutOfServiceAdmin(admin.ModelAdmin):
    """Ending a period early is deleting it; new ones go through the office."""

    list_display = ["room", "starts_on", "ends_on", "reason", "created_by"]
    list_select_related = ["room__floor__building", "created_by"]
    date_hierarchy = "starts_on"

    def has_add_permission(self, request):
        return False
