"""Request middleware of Hausportal."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from house.permissions import requires_mfa

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse

# Pages a staff member without MFA may still reach: the set-up itself, signing
# out, the e-mail confirmation, public legal pages, health and language switch.
_ALLOWED_PREFIXES = (
    "/accounts/",
    "/static/",
    "/media/",
    "/healthz",
    "/i18n/",
    "/staff/enrol/",
    "/imprint",
    "/privacy",
    "/accessibility",
    # The legal pages' former German addresses, which redirect to the ones above.
    "/impressum",
    "/datenschutz",
    "/barrierefreiheit",
)


class RequireStaffMFAMiddleware:
    """Send signed-in staff to the TOTP set-up until they have activated it.

    Staff roles see other people's personal data, so a password alone is not
    enough for them (DSGVO Art. 32). Everyone else may opt in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and requires_mfa(user)
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not self._has_totp(request)
        ):
            from house import enrolment

            if enrolment.check_on_request(request, request.user) == "expired":  # type: ignore[arg-type]
                messages.warning(
                    request,
                    _(
                        "Your staff roles have ended because the second factor was not set up "
                        "in time. Please ask the house management to give you the role again."
                    ),
                )
                return redirect("house:dashboard")
            messages.info(
                request,
                _(
                    "Your role gives you access to other people's data. Please set up "
                    "two-factor authentication with an authenticator app to continue."
                ),
            )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _has_totp(request: HttpRequest) -> bool:
        # Never cached beyond the request: deactivating TOTP must take effect at once.
        # house.auth loads the user with this answer; other user objects ask here.
        known = getattr(request.user, "totp_active", None)
        if known is not None:
            return bool(known)
        return Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()


class RefuseNulBytesMiddleware:
    """Answer 404 for a NUL byte in the path and 400 for one in the query string.

    No address or parameter of the portal contains one, PostgreSQL refuses to
    compare text with it, and a personal link with ``%00`` appended must be
    "not found", not a server error, for every view at once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.core.exceptions import BadRequest
        from django.http import Http404

        if "\x00" in request.path_info:
            raise Http404
        if "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.META.get(
            "QUERY_STRING", ""
        ):
            raise BadRequest("NUL byte in the query string")
        return self.get_response(request)


#: Session key of the last request of a signed-in staff member (epoch seconds).
_LAST_SEEN_KEY = "house_staff_last_seen"


def start_idle_clock(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    import time

    if getattr(request, "session", None) is not None:
        request.session[_LAST_SEEN_KEY] = int(time.time())


class StaffIdleTimeoutMiddleware:
    """Sign staff out after ``STAFF_SESSION_IDLE_MINUTES`` without a request.

    Staff roles see other people's data; a forgotten browser at the reception
    desk must not stay signed in for the two weeks a session lives. The time of
    the last request is written at most once a minute, so a busy page does not
    write its session on every request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        import time

        from django.conf import settings
        from django.contrib.auth import logout

        user = getattr(request, "user", None)
        limit = settings.STAFF_SESSION_IDLE_MINUTES * 60
        if user is not None and limit > 0 and requires_mfa(user):
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN_KEY)
            if last_seen is not None and now - int(last_seen) > limit:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after a time without activity. Please sign in again."),
                )
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('account_login')}?{query}")
            if last_seen is None or now - int(last_seen) >= 60:
                request.session[_LAST_SEEN_KEY] = now
        return self.get_response(request)
