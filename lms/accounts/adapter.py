"""django-allauth's adapter: what Campus changes in allauth's behaviour."""

from allauth.account.adapter import DefaultAccountAdapter

from lms.core.landing import landing_url_for


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # allauth asks this only when the request has no safe `next`
        return landing_url_for(request)
