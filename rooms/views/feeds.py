"""Calendar feeds on the web: a room's public feed, a private feed by secret link, and the page
where members manage their calendar links.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rooms import freshness
from rooms.feeds import (
    _feed_response,
    feed_links,
    render_feed,
    renew_feed_token,
    revoke_feed_token,
    room_feed_content,
    token_bookings,
    token_feed_name,
)
from rooms.models import Room
from rooms.tokens import FeedToken

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User
    from tenants.models import Organisation

    class SignedInRequest(HttpRequest):
        """What ``login_required`` guarantees: a real user."""

        user: User


@require_GET
def room_feed(request: HttpRequest, slug: str) -> HttpResponse:
    def build() -> tuple[bytes, dt.datetime]:
        room = get_object_or_404(Room.objects.bookable().prefetch_related("parts"), slug=slug)
        return room_feed_content(room)

    # An unknown room raises 404 in build(): nothing is kept for it.
    return _feed_response(
        request, f"room:{slug}", build, depends_on=[freshness.room(slug)], filename=f"{slug}.ics"
    )


@require_GET
def token_feed(request: HttpRequest, token: str) -> HttpResponse:
    found = (
        FeedToken.objects.active()
        .select_related("organisation", "user")
        .filter(token=token)
        .first()
    )
    bookings = token_bookings(found) if found is not None else None
    if found is None or bookings is None:
        raise Http404
    return _feed_response(
        request,
        f"token:{found.pk}",
        lambda: render_feed(bookings, name=token_feed_name(found), public=False),
        depends_on=[freshness.ALL_BOOKINGS],
        filename="buchungen.ics",
        private=True,
    )


@require_GET
@login_required
def my_calendars(request: SignedInRequest) -> HttpResponse:
    from tenants.models import Organisation

    user = request.user
    tokens = {(t.scope, t.organisation_id): t for t in FeedToken.objects.active().filter(user=user)}
    feeds = []

    def add(scope: str, title: str, organisation: Organisation | None, may_manage: bool) -> None:
        token = tokens.get((scope, organisation.pk if organisation else None))
        links = (
            feed_links(request, reverse("rooms:token_feed", kwargs={"token": token.token}))
            if token
            else None
        )
        feeds.append(
            {
                "scope": scope,
                "title": title,
                "organisation": organisation,
                "links": links,
                "may_manage": may_manage,
            }
        )

    add(FeedToken.Scope.PERSON, _("My room bookings"), None, True)
    for organisation in Organisation.objects.of_member(user).order_by("name"):
        add(
            FeedToken.Scope.ORGANISATION,
            _("Room bookings of %(name)s") % {"name": organisation.name},
            organisation,
            True,
        )
    if user.has_perm("rooms.view_staff_calendar"):
        add(FeedToken.Scope.STAFF, _("All rooms (staff)"), None, True)
    rooms = [
        (room, feed_links(request, reverse("rooms:room_feed", kwargs={"slug": room.slug})))
        for room in Room.objects.bookable()
    ]
    return render(request, "rooms/feed_list.html", {"feeds": feeds, "rooms": rooms})


def _token_target(request: HttpRequest) -> tuple[str, Organisation | None]:
    """Parse and authorise a renew/revoke POST: (scope, organisation)."""
    from tenants.models import Organisation

    scope = request.POST.get("scope", "")
    if scope not in FeedToken.Scope.values:
        raise Http404
    if scope == FeedToken.Scope.ORGANISATION:
        # Every member has their own address of the organisation's calendar; others none.
        raw = request.POST.get("organisation", "")
        organisation = get_object_or_404(
            Organisation.objects.of_member(request.user), pk=int(raw) if raw.isdigit() else 0
        )
        if not request.user.has_perm("rooms.subscribe_organisation_calendar", organisation):
            raise PermissionDenied
        return scope, organisation
    if scope == FeedToken.Scope.STAFF and not request.user.has_perm("rooms.view_staff_calendar"):
        raise PermissionDenied
    return scope, None


@require_POST
@login_required
def renew_token(request: SignedInRequest) -> HttpResponse:
    scope, organisation = _token_target(request)
    renew_feed_token(scope=scope, by=request.user, organisation=organisation)
    messages.success(
        request, _("Your new calendar link is ready. Links given out before no longer work.")
    )
    return redirect("rooms:calendars")


@require_POST
@login_required
def revoke_token(request: SignedInRequest) -> HttpResponse:
    scope, organisation = _token_target(request)
    revoke_feed_token(scope=scope, by=request.user, organisation=organisation)
    messages.success(request, _("The calendar link is switched off."))
    return redirect("rooms:calendars")
