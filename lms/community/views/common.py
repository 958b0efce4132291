"""What every community view shares: refusing clearly, and going back."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from lms.core.ratelimit import RateLimited, too_many_requests

from ..services.errors import CommunityError


def refused(request, error: CommunityError | RateLimited, *, status: int | None = None):
    """A page that says what went wrong, with the status that fits it:
    400 bad input, 403 not allowed, 409 full, 429 too often.
    """
    if isinstance(error, RateLimited):
        return too_many_requests(request, error)
    return render(
        request,
        "community/refused.html",
        {"message": error.message},
        status=status or error.status,
    )


def back(request, fallback: str, *, message: str = "") -> HttpResponseRedirect:
    """To `next` if it is on this site, else to `fallback`."""
    if message:
        messages.success(request, message)
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def page_number(request) -> str:
    return request.GET.get("page") or "1"
