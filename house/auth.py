"""How Hausportal loads the signed-in user for a request.

Every signed-in page asks three things before its view runs: who the user is,
which house roles they hold (navigation, permissions) and, for staff, whether
TOTP is active (``house.middleware.RequireStaffMFAMiddleware``). The backend
below answers all three with the one query that loads the user. Nothing is
cached beyond the request: a role taken away or an authenticator removed
counts from the next request on.

The query is written out in SQL: the same question through the ORM (an
``Exists`` per role) took several milliseconds to compile on every request,
more than the rest of a cached page.
"""

from __future__ import annotations

import rules
from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from house.models import Role, User

# One row per group of the user (or one row without a group); every row carries
# the user's columns and whether TOTP is active. Plain SQL for SQLite and PostgreSQL;
# the names put in are the models' own table names, the values go in as parameters.
_USER_WITH_ACCESS = (
    "SELECT u.*, g.name AS hp_group_name, EXISTS("  # noqa: S608
    f"SELECT 1 FROM {Authenticator._meta.db_table} a WHERE a.user_id = u.id AND a.type = %s"
    ") AS hp_totp_active "
    f"FROM {User._meta.db_table} u "
    f"LEFT JOIN {User.groups.through._meta.db_table} ug ON ug.user_id = u.id "
    f"LEFT JOIN {Group._meta.db_table} g ON g.id = ug.group_id "
    "WHERE u.id = %s"
)


def load_user_with_access(user_id: object) -> User | None:
    """The user with ``_role_names`` and ``_totp_active`` filled in, or ``None``."""
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    rows = list(User.objects.raw(_USER_WITH_ACCESS, [Authenticator.Type.TOTP.value, pk]))
    if not rows:
        return None
    user = rows[0]
    user._role_names = frozenset(
        row.hp_group_name for row in rows if row.hp_group_name in Role.values
    )
    user._totp_active = bool(user.hp_totp_active)
    return user


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
