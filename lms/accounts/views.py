"""Profile, data export and account deletion: parse, call one service, answer."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ConsentRenewalForm, DeletionRequestForm, ProfileForm
from .gates import CONSENT_SESSION_KEY
from .models import Consent, ConsentPurpose
from .selectors import (
    account_deletion_request_pending,
    consent_latest_by_item,
    consent_versions_current,
    consent_versions_to_renew,
    privacy_policy_context,
    user_needs_email,
    user_needs_guardian_consent,
    user_personal_data,
)
from .services import (
    AccountError,
    account_deletion_request_create,
    consent_give,
    consent_withdraw,
    consents_record,
    profile_update,
)


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
    return render(
        request, "accounts/profile.html", _profile_context(request, form), status=status
    )


def _profile_context(request, form=None) -> dict:
    latest = consent_latest_by_item(user=request.user)
    return {
        "form": form or ProfileForm(instance=request.user),
        "deletion_form": DeletionRequestForm(),
        "pending_deletion": account_deletion_request_pending(user=request.user),
        "consents": [
            (version, latest.get(version.item_id))
            for version in consent_versions_current()
        ],
        "needs_email": user_needs_email(user=request.user),
        "needs_guardian": user_needs_guardian_consent(user=request.user),
    }


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


@login_required
@require_POST
def consent_update(request):
    """Give or withdraw an optional consent from the profile page."""
    purpose = request.POST.get("purpose", "")
    action = request.POST.get("action", "")
    if purpose not in ConsentPurpose.values or action not in ("give", "withdraw"):
        return _profile_refusal(request, _("Choose an item and whether you agree."))
    service = consent_give if action == "give" else consent_withdraw
    try:
        service(user=request.user, purpose=purpose)
    except AccountError as error:
        return _profile_refusal(request, error.message)
    if action == "give":
        messages.success(request, _("Thank you: your consent has been recorded."))
    else:
        messages.success(
            request, _("Your consent has been withdrawn from this moment.")
        )
    return redirect("accounts:profile")


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@login_required
@require_http_methods(["GET", "POST"])
def consent_renew(request):
    """The required items whose text changed, asked again at sign-in."""
    versions = consent_versions_to_renew(user=request.user)
    if not versions:
        request.session.pop(CONSENT_SESSION_KEY, None)
        return redirect(_safe_next(request) or "accounts:profile")
    form = ConsentRenewalForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        consents_record(
            user=request.user,
            choices=form.consent_choices(),
            method=Consent.Method.RENEWAL,
        )
        request.session.pop(CONSENT_SESSION_KEY, None)
        messages.success(request, _("Thank you: your consent has been recorded."))
        return redirect(_safe_next(request) or "accounts:profile")
    return render(
        request,
        "accounts/consent_renew.html",
        {"form": form, "next": _safe_next(request) or ""},
        status=400 if request.method == "POST" else 200,
    )


def _profile_refusal(request, message: str):
    messages.error(request, message)
    return render(
        request, "accounts/profile.html", _profile_context(request), status=400
    )


@login_required
@require_POST
def session_end(request):
    """End one of the person's other sessions (never someone else's)."""
    from allauth.usersessions.models import UserSession

    session = UserSession.objects.filter(
        user=request.user, pk=request.POST.get("session") or 0
    ).first()
    if session is None or session.session_key == request.session.session_key:
        messages.error(request, _("There is no such session to end."))
        sessions = UserSession.objects.purge_and_list(request.user)
        return render(
            request,
            "usersessions/usersession_list.html",
            {"sessions": sessions, "session_count": len(sessions)},
            status=404,
        )
    session.end()
    messages.success(request, _("The session has ended."))
    return redirect("usersessions_list")


def privacy_policy(request, number: int | None = None):
    """The privacy policy in effect (or one version), with its public history.

    The versions are Wagtail pages (`privacy_pages`); their addresses stay here.
    """
    context = privacy_policy_context(number=number)
    if context["policy"] is None:
        raise Http404
    return render(request, "accounts/privacy_policy.html", context)
