"""How django-axes names the account being tried.

allauth authenticates with `email=`, so axes' default (a form field) would see
no username and lock every account behind one address. Lower-cased, so that
case changes do not reset the count.
"""


def axes_username(request, credentials: dict | None) -> str | None:
    credentials = credentials or {}
    value = (
        credentials.get("email")
        or credentials.get("username")
        or credentials.get("login")
        or (request.POST.get("login") if request is not None else None)
    )
    return value.strip().lower() if value else None
