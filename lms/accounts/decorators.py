"""View decorators for what a person must have before a page."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import user_needs_email


def verified_email_required(view):
    """Send a signed-in person without a verified e-mail (e.g. a Kakao account
    that gave none) to add one first, then back here."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if user_needs_email(user=request.user):
            messages.info(
                request,
                _(
                    "This needs a verified e-mail address. Please add one; we "
                    "will send a link to confirm it."
                ),
            )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('account_email')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
