"""Collective invoices: one invoice per organisation and month, one line per booking.

House management sets a house-wide default and, where an organisation wants it
otherwise, a setting of its own. A collective invoice is numbered like every
other invoice (the same year lock, no gaps) and is cancelled the same way; its
bookings are linked to it, so none of them is invoiced twice.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.locks import lock_many
from rooms.billing.models import Invoice, InvoiceLine
from rooms.billing.operations.models import (
    AccountingSettings,
    CollectiveInvoiceBooking,
    OrganisationBilling,
)
from rooms.billing.services import (
    BOOKING_LOCK,
    BillingError,
    _create_invoice,
    _send,
    _service_description,
)
from rooms.models import Booking

if TYPE_CHECKING:
    from house.models import User
    from tenants.models import Organisation


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def is_collective(organisation: Organisation, *, default: bool | None = None) -> bool:
    preference = OrganisationBilling.objects.filter(organisation=organisation).first()
    if preference is not None and preference.collective != OrganisationBilling.Collective.DEFAULT:
        return preference.collective == OrganisationBilling.Collective.MONTHLY
    if default is None:
        default = AccountingSettings.current().collective_by_default
    return default


def set_preference(*, organisation: Organisation, collective: str, actor: User | None) -> None:
    if collective not in OrganisationBilling.Collective.values:
        raise BillingError(_("Please choose how the organisation is invoiced."))
    with transaction.atomic():
        OrganisationBilling.objects.update_or_create(
            organisation=organisation, defaults={"collective": collective}
        )
        log_activity(
            obj=organisation,
            action_type="billing.collective.preference",
            actor=actor,
            data={"collective": collective},
        )


def uninvoiced(month: dt.date) -> QuerySet[Booking]:
    """Confirmed bookings with a price in ``month`` that no invoice covers yet."""
    first, last = month_bounds(month)
    return (
        Booking.objects.filter(
            state=Booking.State.CONFIRMED,
            gross__gt=0,
            organisation__isnull=False,
            start__date__gte=first,
            start__date__lte=last,
        )
        .exclude(Exists(Invoice.objects.active().filter(booking=OuterRef("pk"))))
        .exclude(
            Exists(Invoice.objects.active().filter(collected_bookings__booking=OuterRef("pk")))
        )
        .select_related("room", "organisation")
        .order_by("start", "pk")
    )


def candidates(month: dt.date) -> dict[Organisation, list[Booking]]:
    """The organisations invoiced collectively, with their bookings of ``month`` to invoice."""
    default = AccountingSettings.current().collective_by_default
    found: dict[Organisation, list[Booking]] = defaultdict(list)
    for booking in uninvoiced(month):
        assert booking.organisation is not None
        if is_collective(booking.organisation, default=default):
            found[booking.organisation].append(booking)
    return dict(found)


def issue_collective_invoice(
    *,
    organisation: Organisation,
    month: dt.date,
    actor: User | None,
    issued_on: dt.date | None = None,
) -> Invoice:
    """Invoice the organisation's uninvoiced bookings of ``month`` on one invoice."""
    issued_on = issued_on or timezone.localdate()
    first, last = month_bounds(month)
    if issued_on < first:
        raise BillingError(_("A month is invoiced once it has begun."))
    with transaction.atomic():
        planned = list(uninvoiced(month).filter(organisation=organisation))
        lock_many(BOOKING_LOCK, [booking.pk for booking in planned])
        bookings = list(
            uninvoiced(month).filter(organisation=organisation, pk__in=[b.pk for b in planned])
        )
        if not bookings:
            raise BillingError(_("This organisation has no bookings to invoice in this month."))
        lines = []
        with translation.override("de"):
            for booking in bookings:
                quote = booking.frozen_quote()
                lines.append(
                    InvoiceLine(
                        description=_service_description(booking),
                        note=(quote.rule_name if quote else "")[:300],
                        quantity=Decimal(1),
                        unit_price=booking.net,
                        net=booking.net,
                        vat_rate=quote.vat_rate if quote else Decimal(0),
                    )
                )
            period = formats.date_format(first, "F Y")
            description = _("Room bookings in %(month)s (%(count)s bookings)") % {
                "month": period,
                "count": len(bookings),
            }
        invoice = _create_invoice(
            booking=bookings[0],
            kind=Invoice.Kind.INVOICE,
            lines=lines,
            actor=actor,
            issued_on=issued_on,
            service_description=description[:300],
            service_date=min(last, timezone.localtime(bookings[-1].start).date()),
        )
        CollectiveInvoiceBooking.objects.bulk_create(
            CollectiveInvoiceBooking(invoice=invoice, booking=booking, position=position)
            for position, booking in enumerate(bookings, start=1)
        )
        log_activity(
            obj=invoice,
            action_type="billing.invoice.collective",
            actor=actor,
            data={
                "number": invoice.number,
                "gross": f"{invoice.gross:.2f}",
                "count": str(len(bookings)),
            },
        )
        _send(invoice, actor=actor)
    return invoice


def issue_due_collective_invoices(*, month: dt.date, actor: User | None) -> list[Invoice]:
    """One collective invoice for each organisation with bookings to invoice in ``month``."""
    return [
        issue_collective_invoice(organisation=organisation, month=month, actor=actor)
        for organisation in sorted(candidates(month), key=lambda o: o.name)
    ]
