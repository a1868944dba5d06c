"""How django-allauth behaves in Hausportal."""

from __future__ import annotations

import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records


class AccountAdapter(DefaultAccountAdapter):
    def is_reauthentication_required(self, *, app: str, **kwargs: object) -> bool:
        """Re-authentication as allauth designs it, with one narrow exception.

        Showing recovery codes, deactivating the second factor, changing e-mail
        addresses (``ACCOUNT_REAUTHENTICATION_REQUIRED``) and deleting the
        account ask for the password again, however recent the login. The one
        exception: staff are led to set up their *first* factor right after
        signing in; asking for the password typed a moment ago would only
        confuse, and there is no factor yet that a stolen session could remove.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = getattr(self, "request", None)
        if not required or app != "allauth.mfa" or request is None:
            return required
        user = request.user
        if not user.is_authenticated:
            return required
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(user=user).exists():
            return True
        records = get_authentication_records(request, user)
        logins = [r["at"] for r in records if r.get("method") == "password"]
        return not (logins and time.time() - logins[-1] < app_settings.REAUTHENTICATION_TIMEOUT)
