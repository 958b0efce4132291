"""The notification centre: the list, opening one, preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..forms import PreferenceForm
from ..models import Notification
from ..services.notifications import email_mode_for, notification_link
from .common import page_number


@login_required
@require_GET
def notification_list(request):
    context = selectors.notification_page(user=request.user, page=page_number(request))
    return render(request, "community/notifications.html", context)


@login_required
@require_GET
def notification_open(request, notification_id: int):
    """Mark one read and go where it points (a path on this site only).

    A GET, so that the centre's entries are plain links; marking read twice
    changes nothing.
    """
    notification = get_object_or_404(
        Notification, pk=notification_id, recipient=request.user
    )
    services.notification_read(notification=notification)
    target = notification_link(notification.url, get_language())
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect("community:notifications")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_read_all(user=request.user)
    if count:
        messages.success(request, _("Every notification is marked as read."))
    return redirect("community:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferenceForm(
        request.POST or None, initial={"email_mode": email_mode_for(request.user)}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.notification_preference_set(
                user=request.user, email_mode=form.cleaned_data["email_mode"]
            )
            messages.success(request, _("Your e-mail preference is saved."))
            return redirect("community:notification-preferences")
        status = 400
    return render(
        request,
        "community/notification_preferences.html",
        {"form": form},
        status=status,
    )
