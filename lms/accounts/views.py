"""Profile, data export and account deletion: parse, call one service, answer."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import DeletionRequestForm, ProfileForm
from .selectors import account_deletion_request_pending, user_personal_data
from .services import AccountError, account_deletion_request_create, profile_update


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            profile_update(user=request.user, data=form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
        status = 400
    else:
        status = 200
    context = {
        "form": form,
        "deletion_form": DeletionRequestForm(),
        "pending_deletion": account_deletion_request_pending(user=request.user),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
def personal_data_export(request):
    data = user_personal_data(user=request.user)
    data["exported_at"] = timezone.now().isoformat()
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="campus-my-data-{stamp}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def account_deletion_request(request):
    form = DeletionRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please confirm that you want your account deleted."))
        return redirect("accounts:profile")
    try:
        account_deletion_request_create(
            user=request.user, reason=form.cleaned_data["reason"]
        )
    except AccountError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "Your request has been sent. Center staff will delete your account "
                "and let you know."
            ),
        )
    return redirect("accounts:profile")
