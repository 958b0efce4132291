"""Signing someone in on a partner platform's word, not a password.

An LTI launch proves who the person is with the platform's signed id_token.
`django.contrib.auth.login` would also send `user_logged_in`, whose receivers
do a password sign-in's work: django-axes writes an access-log row and resets
the failed-password count of the address (a launch proves nothing about the
password, so it must not clear a lock-out), Django stamps `last_login`, and
the site's menu notes whether the person teaches (LTI pages have no menu).
`session_sign_in_federated` keeps everything of `login()` that protects the
session and leaves out that signal.
"""

import logging
from datetime import timedelta

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.middleware.csrf import rotate_token
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .models import User

logger = logging.getLogger("campus.accounts")

# last_login of a federated sign-in is kept to within this: a launch a minute
# after the last one writes nothing but the session
LAST_LOGIN_EVERY = timedelta(hours=1)


def session_sign_in_federated(*, request, user: User, backend: str) -> None:
    """Sign `user` in to `request.session`, as `login()` does, without the
    password sign-in's receivers.

    As `login()`: a session that belongs to someone else is emptied and given a
    new key; a session that existed before the sign-in gets a new key (no
    fixation); the CSRF token is rotated; the password hash is kept so that a
    password change ends the session. A session that has no key yet gets its
    first one when it is saved, with no extra write.
    """
    session = request.session
    auth_hash = user.get_session_auth_hash()
    if SESSION_KEY in session:
        if str(session[SESSION_KEY]) != str(user.pk) or not constant_time_compare(
            session.get(HASH_SESSION_KEY, ""), auth_hash
        ):
            session.flush()
    elif session.session_key is not None:
        session.cycle_key()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = auth_hash
    request.user = user
    rotate_token(request)
    now = timezone.now()
    if user.last_login is None or now - user.last_login > LAST_LOGIN_EVERY:
        user.last_login = now
        User.objects.filter(pk=user.pk).update(last_login=now)
    logger.info("federated sign-in: user %s", user.pk)
