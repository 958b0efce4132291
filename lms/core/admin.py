"""The outbox in the Django admin: staff see failed mail and resend it."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .mail import mail_resend
from .models import OutboundMail


@admin.register(OutboundMail)
class OutboundMailAdmin(admin.ModelAdmin):
    list_display = (
        "subject",
        "recipients",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    )
    list_filter = ("status",)
    search_fields = ("subject",)
    readonly_fields = [field.name for field in OutboundMail._meta.fields]
    actions = ["resend"]

    @admin.display(description=_("recipients"))
    def recipients(self, mail):
        return ", ".join(mail.to)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected e-mail again"))
    def resend(self, request, queryset):
        count = 0
        for mail in queryset.exclude(status=OutboundMail.Status.SENT):
            mail_resend(mail=mail)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail queued again.",
                "%(count)d e-mails queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
