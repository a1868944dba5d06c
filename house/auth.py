"""How Hausportal loads the signed-in user for a request.

Every signed-in page asks three things before its view runs: who the user is,
which house roles they hold (navigation, permissions) and, for staff, whether
TOTP is active (``house.middleware.RequireStaffMFAMiddleware``). The backend
answers them through the ORM in two queries: the user with whether TOTP is
active, and their house roles. Nothing is kept beyond the request: a role taken
away or an authenticator removed counts from the next request on.
"""

from __future__ import annotations

import rules
from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch

from house.models import Role, User


def users_with_access() -> object:
    """Users with ``totp_active`` annotated and their house roles prefetched."""
    return User.objects.annotate(
        totp_active=Exists(
            Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
        )
    ).prefetch_related(
        Prefetch(
            "groups",
            queryset=Group.objects.filter(name__in=Role.values).only("name"),
            to_attr="house_role_groups",
        )
    )


def load_user_with_access(user_id: object) -> User | None:
    """The user with their house roles and TOTP state loaded, or ``None``."""
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    return users_with_access().filter(pk=pk).first()  # type: ignore[attr-defined]


class AuthenticationBackend(AllauthBackend):
    """allauth's e-mail login (which also answers Django's ``username`` credential),
    with the request's user loaded together with its roles and TOTP state."""

    def get_user(self, user_id: object) -> User | None:
        user = load_user_with_access(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def has_perm(self, user_obj: object, perm: str, obj: object = None) -> bool:
        # A permission with a rule (house/rules.py, each app's rules.py) is answered by
        # the rule alone, so the admin and the views agree and no permission table is read.
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)
