"""Staff enrolment: the second factor of a new staff member, within a set time.

Staff roles see other people's data and sign in with a second factor (TOTP,
``house.middleware.RequireStaffMFAMiddleware``). Whoever is given a staff role
without one gets a deadline (``User.staff_enrolment_due``, ``STAFF_ENROLMENT_DAYS``
from now) and an e-mail with a one-time link: it sets the password and leads
straight to the second factor. A person without an account is invited this way
(``invite_staff``). Whoever has not enrolled by the deadline loses the staff
roles (``expire_unenrolled_staff``: hourly, and at every request of such a
person, so a sign-in after the deadline finds no staff access).

The link carries no state of its own: it is signed with the secret key and
names the person's password hash and deadline, so it stops working once it was
used (the password changed), a newer link was sent (the deadline moved), the
second factor is set up (the deadline is cleared), or the deadline passed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from house.models import Role, User
from house.roles import STAFF_ROLES

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

_SALT = "house.staff-enrolment"
#: Session key: the person who arrived through their enrolment link.
ENROLLING_SESSION_KEY = "house_staff_enrolling"


def has_second_factor(user: User) -> bool:
    from allauth.mfa.models import Authenticator

    known = getattr(user, "totp_active", None)
    if known is not None:
        return bool(known)
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _state(user: User) -> str:
    due = user.staff_enrolment_due.isoformat() if user.staff_enrolment_due else ""
    return salted_hmac(_SALT, f"{user.pk}|{user.password}|{due}").hexdigest()[:32]


def make_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "s": _state(user)}, salt=_SALT, compress=True)


def user_for_token(token: str, *, now: dt.datetime | None = None) -> User | None:
    """The person a link belongs to, or ``None`` if it is unknown, used, replaced or expired."""
    try:
        data = signing.loads(
            token, salt=_SALT, max_age=dt.timedelta(days=settings.STAFF_ENROLMENT_DAYS)
        )
        pk, state = int(data["u"]), str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    now = now or timezone.now()
    if (
        user is None
        or user.staff_enrolment_due is None
        or user.staff_enrolment_due <= now
        or not constant_time_compare(state, _state(user))
    ):
        return None
    return user


def enrolment_url(user: User) -> str:
    return settings.SITE_URL + reverse("house:staff_enrol", args=[make_token(user)])


def _send_link(user: User) -> None:
    from house.services import queue_templated_email

    queue_templated_email(
        template="house/email/staff_enrolment",
        context={"person": user, "url": enrolment_url(user), "due": user.staff_enrolment_due},
        to=[user.email],
        language=user.language,
        kind="house.staff_enrolment",
    )


def open_enrolment(*, user: User, send_link: bool, now: dt.datetime | None = None) -> bool:
    """Give a staff member without a second factor a deadline (unless a running one
    exists) and, with ``send_link``, a fresh one-time link. True if anything was done."""
    if has_second_factor(user):
        return False
    now = now or timezone.now()
    with transaction.atomic():
        running = user.staff_enrolment_due is not None and user.staff_enrolment_due > now
        if not running or send_link:
            user.staff_enrolment_due = now + dt.timedelta(days=settings.STAFF_ENROLMENT_DAYS)
            user.save(update_fields=["staff_enrolment_due"])
        if send_link:
            _send_link(user)
    return True


def invite_staff(*, email: str, name: str, role: Role, actor: User) -> User:
    """Create the account of a person who has none yet, with ``role``, and send the link."""
    from house.services import assign_role

    with transaction.atomic():
        user = User.objects.create_user(email=email, password=None, name=name)
        from allauth.account.models import EmailAddress

        # The link goes to this address: using it proves the address.
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        assign_role(user=user, role=role, actor=actor)
    return user


def set_password(*, user: User, password: str) -> None:
    """The person chose their password through the link (which this ends)."""
    from house.activity import log_activity

    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        log_activity(obj=user, action_type="house.staff.enrolment_started", actor=user, data={})


def complete_enrolment(*, user: User) -> None:
    """The second factor is set up: the deadline no longer applies."""
    if user.staff_enrolment_due is not None:
        user.staff_enrolment_due = None
        user.save(update_fields=["staff_enrolment_due"])


def expire_enrolment(*, user: User) -> None:
    """Take the staff roles (and admin access) from a person whose deadline passed."""
    from house.activity import log_activity

    with transaction.atomic():
        roles = sorted(user.groups.filter(name__in=STAFF_ROLES).values_list("name", flat=True))
        user.groups.remove(*Group.objects.filter(name__in=STAFF_ROLES))
        user.is_staff = False
        user.is_superuser = False
        user.staff_enrolment_due = None
        user.save(update_fields=["is_staff", "is_superuser", "staff_enrolment_due"])
        log_activity(
            obj=user, action_type="house.staff.enrolment_expired", actor=None, data={"roles": roles}
        )
    user.forget_roles()


def _unenrolled_staff() -> QuerySet[User]:
    from allauth.mfa.models import Authenticator
    from django.db.models import Exists, OuterRef, Q

    return (
        User.objects.filter(
            Q(groups__name__in=STAFF_ROLES) | Q(is_staff=True) | Q(is_superuser=True)
        )
        .filter(is_active=True)
        .exclude(
            Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP))
        )
        .distinct()
    )


def expire_unenrolled_staff(*, now: dt.datetime | None = None) -> int:
    """End the staff roles whose second factor is overdue; give a deadline to staff
    without one (accounts from before deadlines, ``createsuperuser``). Returns how many ended."""
    now = now or timezone.now()
    candidates = _unenrolled_staff()
    User.objects.filter(
        pk__in=candidates.filter(staff_enrolment_due__isnull=True).values("pk")
    ).update(staff_enrolment_due=now + dt.timedelta(days=settings.STAFF_ENROLMENT_DAYS))
    expired = list(candidates.filter(staff_enrolment_due__lte=now))
    for user in expired:
        expire_enrolment(user=user)
    return len(expired)


def check_on_request(request: HttpRequest, user: User, *, now: dt.datetime | None = None) -> str:
    """What a signed-in staff member without a second factor may do now:
    ``"expired"`` (the roles just ended), ``"enrol"`` (set up the second factor)."""
    now = now or timezone.now()
    if user.staff_enrolment_due is None:
        open_enrolment(user=user, send_link=False, now=now)
    elif user.staff_enrolment_due <= now:
        expire_enrolment(user=user)
        return "expired"
    return "enrol"


def on_authenticator_added(sender: object, user: User, **kwargs: object) -> None:
    complete_enrolment(user=user)
