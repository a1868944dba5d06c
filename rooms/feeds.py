"""Calendar feeds of the conference centre.

* ``/rooms/<slug>/calendar.ics`` — public busy times of a room; titles only of bookings
  marked public, nobody's name or e-mail.
* ``/calendars/<token>.ics`` — secret-token feeds: an organisation's bookings (each member
  has their own address, which ends with the membership), a person's own bookings, or
  (for the reception) all rooms. Unknown, revoked or ended tokens answer 404.
* ``/calendars/`` — the page that hands out these links (webcal:// and https://) with
  short help on subscribing, and lets people renew or revoke their tokens.

Feeds list each booking as its own VEVENT (``UID room-booking-<pk>@…``; occurrences of a
series too), requested bookings as TENTATIVE, and bookings cancelled, rejected or
withdrawn within the last 30 days as ``STATUS:CANCELLED`` so subscribed clients drop
them. DTSTAMP is each booking's last change (``house.ical``), so an unchanged feed is
byte-identical; responses carry ETag and Last-Modified and answer ``304``. Rendered
feeds are kept until a booking in their rooms changes (``rooms.freshness``); a
repeated request costs no query, and a ``304`` does not even read the feed's bytes.

The pages and feed responses themselves are in :mod:`rooms.views.feeds`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from house.ical import CalendarEntry, build_feed, cached_feed_response, webcal_url
from house.models import ActivityLog
from house.permissions import can_use_reception
from rooms import freshness
from rooms.emails import SEQUENCE_ACTIONS, uid_domain
from rooms.fees import BookerCategory, Purpose
from rooms.models import Booking, Room
from rooms.tokens import FeedToken

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse

    from house.ical import Status
    from house.models import User
    from tenants.models import Organisation

#: Cancelled bookings stay in feeds this long, as STATUS:CANCELLED.
CANCELLED_KEPT = dt.timedelta(days=30)
#: Past bookings stay in feeds this long.
PAST_KEPT = dt.timedelta(days=180)
REFRESH = dt.timedelta(hours=1)
#: How long a rendered feed is kept; booking changes through the services invalidate it
#: at once (``rooms.freshness``), other changes show after at most this long.
CACHE_SECONDS = 300

T = TypeVar("T")

STATUS: dict[str, Status] = {
    Booking.State.CONFIRMED: "CONFIRMED",
    Booking.State.REQUESTED: "TENTATIVE",
}


# --- reads -----------------------------------------------------------------------------------


def _cutoffs(now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """(start of the past window, start of the cancelled window), at local midnight, so a
    feed only changes through a booking change or once a day."""
    today = timezone.localdate(now)
    tz = timezone.get_current_timezone()
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time.min), tz)
    return midnight - PAST_KEPT, midnight - CANCELLED_KEPT


def feed_bookings(bookings: QuerySet[Booking], now: dt.datetime | None = None) -> QuerySet:
    """The bookings a feed shows: blocking ones from the past window on, and the ones
    cancelled (rejected, withdrawn) in the last 30 days."""
    past, cancelled = _cutoffs(now)
    return bookings.filter(
        Q(state__in=Booking.BLOCKING_STATES, end__gte=past)
        | Q(~Q(state__in=Booking.BLOCKING_STATES), updated_at__gte=cancelled, end__gte=past)
    )


def bookings_sharing(room: Room) -> QuerySet[Booking]:
    """Bookings of the room, of its parts and of every combined room using one of them:
    all of them make this room busy. (Uses the prefetched parts; one subquery.)"""
    physical = room.physical_room_ids()
    combined = Room.parts.through.objects.filter(to_room_id__in=physical).values("from_room_id")
    return Booking.objects.filter(Q(room_id__in={room.pk, *physical}) | Q(room_id__in=combined))


def _entry(booking: Booking, *, public: bool) -> CalendarEntry:
    if public:
        summary = booking.public_title()
        description = ""
    else:
        # Feed addresses end up in third-party calendar services: they name
        # organisations, never a private person (nor a private celebration's title).
        private = booking.purpose == Purpose.PRIVATE_CELEBRATION or (
            not booking.organisation_id
            and (booking.person_id or booking.booker_category == BookerCategory.PRIVATE_PERSON)
        )
        summary = _("Private booking") if private else booking.title
        booker = str(booking.organisation) if booking.organisation_id else ""
        description = _("%(booker)s, %(attendees)s people, %(layout)s") % {
            "booker": booker or booking.contact_organisation or "–",
            "attendees": booking.attendees,
            "layout": booking.get_layout_display(),
        }
    return CalendarEntry(
        uid=f"room-booking-{booking.pk}@{uid_domain()}",
        start=booking.start,
        end=booking.end,
        summary=summary,
        description=description,
        location=booking.room.name,
        last_modified=booking.updated_at,
        sequence=int(getattr(booking, "change_count", 0)),
        status=STATUS.get(booking.state, "CANCELLED"),
    )


def cached_with_bookings(key: str, build: Callable[[], T], timeout: int) -> T:
    """``build()``'s result, kept under ``key`` until any booking changes or ``timeout``
    passes (for what spans every room: secret-token feeds, free alternatives)."""
    return freshness.kept(key, build, depends_on=[freshness.ALL_BOOKINGS], timeout=timeout)


def _feed_response(
    request: HttpRequest,
    key: str,
    build: Callable[[], tuple[bytes, dt.datetime]],
    *,
    depends_on: list[str],
    filename: str,
    private: bool = False,
) -> HttpResponse:
    """A feed, kept until a booking it may show changes; the key holds today's date (the
    windows move at midnight)."""
    return cached_feed_response(
        request,
        f"rooms:feed:{key}:{timezone.localdate().isoformat()}",
        build,
        depends_on=depends_on,
        timeout=CACHE_SECONDS,
        filename=filename,
        private=private,
    )


def _sequence_count() -> Coalesce:
    """A booking's SEQUENCE as an annotation: its changes and cancellations in the log."""
    entries = (
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Booking),
            object_id=OuterRef("pk"),
            action_type__in=SEQUENCE_ACTIONS,
        )
        .order_by()
        .values("object_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(entries, output_field=IntegerField()), 0)


def render_feed(
    bookings: QuerySet[Booking], *, name: str, public: bool
) -> tuple[bytes, dt.datetime]:
    """The feed bytes of ``bookings`` (see :func:`feed_bookings`) and its Last-Modified: the
    latest change of a booking in it, or the start of today's window if that is later."""
    past, _cancelled = _cutoffs()
    rows = list(
        feed_bookings(bookings)
        .select_related("room", "organisation", "person")
        .annotate(change_count=_sequence_count())
        .order_by("start", "pk")
    )
    latest = max([past, *(b.updated_at for b in rows)])
    content = build_feed([_entry(b, public=public) for b in rows], name=name, refresh=REFRESH)
    return content, latest


def room_feed_content(room: Room) -> tuple[bytes, dt.datetime]:
    from house.context_processors import current_house

    house = current_house()
    name = f"{room.name} – {house.name}" if house else room.name
    return render_feed(bookings_sharing(room), name=name, public=True)


def token_bookings(token: FeedToken) -> QuerySet[Booking] | None:
    """The bookings a token's feed shows, or None if the token no longer grants a feed."""
    user = token.user
    if user is None or not user.is_active:
        return None
    if token.scope == FeedToken.Scope.ORGANISATION:
        # The membership's removal deletes its address; a token without one grants nothing.
        if token.organisation_id is None or token.membership_id is None:
            return None
        return Booking.objects.filter(organisation_id=token.organisation_id)
    if token.scope == FeedToken.Scope.STAFF:
        return Booking.objects.all() if can_use_reception(user) else None
    return Booking.objects.filter(
        Q(person=user)
        | Q(created_by=user, organisation__isnull=True)
        | Q(contact_email__iexact=user.email)
    )


def token_feed_name(token: FeedToken) -> str:
    if token.scope == FeedToken.Scope.ORGANISATION and token.organisation is not None:
        return _("Room bookings of %(name)s") % {"name": token.organisation.name}
    if token.scope == FeedToken.Scope.STAFF:
        return _("All rooms")
    return _("My room bookings")


# --- writes ----------------------------------------------------------------------------------


def renew_feed_token(
    *, scope: str, by: User, organisation: Organisation | None = None
) -> FeedToken:
    """Revoke ``by``'s active token of this feed (if any) and issue a new one.

    Contract: the caller has checked that ``by`` may read this feed; an organisation's
    feed is issued to ``by``'s membership of it (:class:`PermissionError` without one)
    and ends with it. Side effect: the old URL answers 404 from now on.
    """
    from tenants.models import Membership

    with transaction.atomic():
        membership = None
        if scope == FeedToken.Scope.ORGANISATION:
            membership = Membership.objects.filter(user=by, organisation=organisation).first()
            if membership is None:
                raise PermissionError("an organisation's calendar is read by its members")
        revoke_feed_token(scope=scope, by=by, organisation=organisation)
        return FeedToken.objects.create(
            scope=scope,
            organisation=organisation if membership is not None else None,
            membership=membership,
            user=by,
            created_by=by,
        )


def revoke_feed_token(*, scope: str, by: User, organisation: Organisation | None = None) -> int:
    """Revoke ``by``'s active token of this feed; returns how many were revoked (0 or 1)."""
    with transaction.atomic():
        tokens = FeedToken.objects.active().filter(scope=scope, user=by)
        if scope == FeedToken.Scope.ORGANISATION:
            tokens = tokens.filter(organisation=organisation)
        return tokens.update(revoked_at=timezone.now())


def switch_off_feed_tokens(*, token_ids: list[int]) -> int:
    """House management switches calendar links off (e.g. a lost laptop); returns how many."""
    with transaction.atomic():
        return FeedToken.objects.active().filter(pk__in=token_ids).update(revoked_at=timezone.now())


def feed_links(request: HttpRequest, path: str) -> dict[str, str]:
    """The feed's address as the visitor reached the site (https:// in production, behind
    ``SECURE_PROXY_SSL_HEADER``) and its webcal:// twin."""
    https = request.build_absolute_uri(path)
    return {"https": https, "webcal": webcal_url(https)}
