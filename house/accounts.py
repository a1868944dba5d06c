"""How django-allauth behaves in Hausportal."""

from __future__ import annotations

import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records


class AccountAdapter(DefaultAccountAdapter):
    def is_reauthentication_required(self, *, app: str, **kwargs: object) -> bool:
        """A password login within the reauthentication window counts as recent authentication.

        Staff are sent to the TOTP set-up right after their first login; asking
        them for the password they typed a moment ago would only confuse.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = getattr(self, "request", None)
        if not required or request is None or not request.user.is_authenticated:
            return required
        records = get_authentication_records(request, request.user)
        logins = [r["at"] for r in records if r.get("method") == "password"]
        return not (logins and time.time() - logins[-1] < app_settings.REAUTHENTICATION_TIMEOUT)
