"""Every write of the invoices: issuing, cancelling, correcting, recording payments.

Issuing takes two locks inside its transaction: the booking's (so that one
booking never gets two invoices at once) and the year's invoice number (so that
numbers stay gap-free and in order under concurrency). A transaction that fails
after taking a number rolls the number back with it: no gap.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.locks import lock
from house.services import queue_templated_email
from rooms.billing.einvoice.services import record_facts
from rooms.billing.models import ZERO, BillingSettings, Invoice, InvoiceLine, Payment
from rooms.fees import money
from rooms.models import Booking

if TYPE_CHECKING:
    from house.models import User

NUMBER_LOCK = "billing.invoice_number"
BOOKING_LOCK = "billing.booking"


class BillingError(Exception):
    """A write the house cannot do; the message is for the person who asked."""


def _amount(value: Decimal) -> str:
    """An amount as the history stores it (``214.20``); it is written the reader's way."""
    return f"{value:.2f}"


def format_number(*, prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}-{year}-{sequence:05d}"


def _next_sequence(year: int, issued_on: dt.date) -> int:
    """The next number of ``year``; numbers follow the invoice dates, never back in time."""
    lock(NUMBER_LOCK, year)
    last = Invoice.objects.filter(year=year).aggregate(top=Max("sequence"), latest=Max("issued_on"))
    if last["latest"] is not None and issued_on < last["latest"]:
        raise BillingError(_("An invoice cannot be dated before the last invoice issued."))
    return (last["top"] or 0) + 1


def _issuer(config: BillingSettings) -> tuple[str, str]:
    from house.context_processors import current_house

    house = current_house()
    name = config.legal_name.strip() or (house.name if house else "")
    address = house.address_line if house else ""
    return name, address


def _recipient(booking: Booking) -> tuple[str, str, str]:
    """Name, postal address and e-mail address of whom the booking is invoiced to."""
    organisation = booking.organisation
    if organisation is not None:
        lines = [organisation.name]
        if booking.contact_name:
            lines.append(_("Attn. %(name)s") % {"name": booking.contact_name})
        lines += [organisation.street, f"{organisation.postcode} {organisation.city}".strip()]
        email = booking.contact_email or organisation.email
        return organisation.name, "\n".join(line for line in lines if line), email
    person = booking.person
    name = (
        booking.contact_organisation
        or booking.contact_name
        or (person.name if person is not None else "")
    )
    lines = [name]
    if booking.contact_organisation and booking.contact_name:
        lines.append(_("Attn. %(name)s") % {"name": booking.contact_name})
    email = booking.contact_email or (person.email if person is not None else "")
    return name, "\n".join(lines), email


def _service_description(booking: Booking) -> str:
    start = timezone.localtime(booking.start)
    end = timezone.localtime(booking.end)
    return f"{booking.room.name}, {start:%d.%m.%Y} {start:%H:%M}–{end:%H:%M}: {booking.title}"[:300]


def _totals(lines: list[InvoiceLine]) -> tuple[Decimal, Decimal]:
    by_rate: dict[Decimal, Decimal] = {}
    for line in lines:
        by_rate[line.vat_rate] = by_rate.get(line.vat_rate, ZERO) + line.net
    net = money(sum(by_rate.values(), ZERO))
    vat = money(sum((money(amount * rate / 100) for rate, amount in by_rate.items()), ZERO))
    return net, vat


def _create_invoice(
    *,
    booking: Booking,
    kind: str,
    lines: list[InvoiceLine],
    actor: User | None,
    issued_on: dt.date,
    cancels: Invoice | None = None,
    reason: str = "",
    service_description: str = "",
    service_date: dt.date | None = None,
) -> Invoice:
    config = BillingSettings.current()
    issuer_name, issuer_address = _issuer(config)
    if cancels is not None:
        recipient_name = cancels.recipient_name
        recipient_address = cancels.recipient_address
        recipient_email = cancels.recipient_email
    else:
        recipient_name, recipient_address, recipient_email = _recipient(booking)
    net, vat = _totals(lines)
    year = issued_on.year
    sequence = _next_sequence(year, issued_on)
    invoice = Invoice.objects.create(
        kind=kind,
        year=year,
        sequence=sequence,
        number=format_number(prefix=config.number_prefix, year=year, sequence=sequence),
        booking=booking,
        organisation=booking.organisation,
        cancels=cancels,
        reason=reason,
        issued_on=issued_on,
        service_date=service_date or timezone.localtime(booking.start).date(),
        due_on=issued_on + dt.timedelta(days=config.payment_days),
        issuer_name=issuer_name,
        issuer_address=issuer_address,
        issuer_tax_number=config.tax_number,
        issuer_vat_id=config.vat_id,
        recipient_name=recipient_name,
        recipient_address=recipient_address,
        recipient_email=recipient_email,
        service_description=service_description or _service_description(booking),
        net=net,
        vat=vat,
        gross=net + vat,
        vat_exempt=any(line.vat_rate == 0 and line.net != 0 for line in lines),
        exemption_note=config.exemption_note,
        iban=config.iban,
        bic=config.bic,
        bank_name=config.bank_name,
        issued_by=actor,
    )
    for position, line in enumerate(lines, start=1):
        line.invoice = invoice
        line.position = position
    InvoiceLine.objects.bulk_create(lines)
    record_facts(invoice=invoice)
    return invoice


def _lines_from_quote(booking: Booking) -> list[InvoiceLine]:
    quote = booking.frozen_quote()
    if quote is None:
        raise BillingError(_("This booking has no price to invoice."))
    # A quote's lines are worded when read; an invoice is written in German, whoever issues it.
    with translation.override("de"):
        return [
            InvoiceLine(
                description=line.label[:300],
                note=line.reason[:300],
                quantity=Decimal(1),
                unit_price=line.amount,
                net=line.amount,
                vat_rate=quote.vat_rate,
            )
            for line in quote.lines
        ]


def _send(invoice: Invoice, *, actor: User | None) -> None:
    from rooms.billing.einvoice.documents import email_document
    from rooms.billing.einvoice.services import facts_for

    if not invoice.recipient_email:
        return
    booking = invoice.booking
    language = getattr(booking.person, "language", "") or "de"
    queue_templated_email(
        template="billing/email/invoice",
        context={
            "invoice": invoice,
            "url": settings.SITE_URL + reverse("billing:my_invoices"),
            "einvoice": facts_for(invoice),
        },
        to=[invoice.recipient_email],
        language=language,
        attachments=[email_document(invoice, language=language).as_attachment()],
        kind="billing.invoice",
        ref=f"billing-invoice-{invoice.pk}",
        created_by=actor,
    )


def has_active_invoice(booking: Booking) -> bool:
    """Whether an invoice not cancelled covers the booking, alone or on a collective invoice."""
    return (
        Invoice.objects.active()
        .filter(Q(booking=booking) | Q(collected_bookings__booking=booking))
        .exists()
    )


def is_chargeable(booking: Booking) -> bool:
    return booking.state == Booking.State.CONFIRMED and booking.gross > 0


def issue_invoice(
    *, booking: Booking, actor: User | None, issued_on: dt.date | None = None
) -> Invoice:
    """Invoice a confirmed booking with a price, from its frozen quote, and send it."""
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        lock(BOOKING_LOCK, booking.pk)
        booking = (
            Booking.objects.select_related("room", "organisation", "person")
            .select_for_update(of=("self",))
            .get(pk=booking.pk)
        )
        if not is_chargeable(booking):
            raise BillingError(_("Only confirmed bookings with a price are invoiced."))
        if has_active_invoice(booking):
            raise BillingError(
                _("This booking already has an invoice. Correct that invoice instead.")
            )
        invoice = _create_invoice(
            booking=booking,
            kind=Invoice.Kind.INVOICE,
            lines=_lines_from_quote(booking),
            actor=actor,
            issued_on=issued_on,
        )
        log_activity(
            obj=invoice,
            action_type="billing.invoice.issued",
            actor=actor,
            data={"number": invoice.number, "gross": _amount(invoice.gross)},
        )
        _send(invoice, actor=actor)
    return invoice


def cancel_invoice(*, invoice: Invoice, actor: User | None, reason: str) -> Invoice:
    """Undo ``invoice`` by a cancellation invoice with the same lines negated."""
    reason = reason.strip()
    if not reason:
        raise BillingError(_("Please give a reason for the cancellation."))
    with transaction.atomic():
        lock(BOOKING_LOCK, invoice.booking_id)
        original = Invoice.objects.select_related("booking__room").get(pk=invoice.pk)
        if original.is_cancellation:
            raise BillingError(_("A cancellation invoice cannot be cancelled."))
        if Invoice.objects.filter(cancels=original).exists():
            raise BillingError(_("This invoice has already been cancelled."))
        lines = [
            InvoiceLine(
                description=line.description,
                note=line.note,
                quantity=-line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                net=-line.net,
                vat_rate=line.vat_rate,
            )
            for line in original.lines.all()
        ]
        cancellation = _create_invoice(
            booking=original.booking,
            kind=Invoice.Kind.CANCELLATION,
            lines=lines,
            actor=actor,
            issued_on=timezone.localdate(),
            cancels=original,
            reason=reason[:300],
        )
        for target in (original, cancellation):
            log_activity(
                obj=target,
                action_type="billing.invoice.cancelled",
                actor=actor,
                data={
                    "number": original.number,
                    "cancellation": cancellation.number,
                    "reason": reason[:300],
                },
            )
        _send(cancellation, actor=actor)
    return cancellation


def correct_invoice(
    *, invoice: Invoice, actor: User | None, reason: str
) -> tuple[Invoice, Invoice]:
    """Cancel ``invoice`` and issue a new one from the booking's current quote and booker
    (a collective invoice: the month's collective invoice again, from its bookings)."""
    from rooms.billing.operations import collective

    with transaction.atomic():
        cancellation = cancel_invoice(invoice=invoice, actor=actor, reason=reason)
        if invoice.organisation is not None and invoice.collected_bookings.exists():
            replacement = collective.issue_collective_invoice(
                organisation=invoice.organisation,
                month=timezone.localtime(
                    invoice.collected_bookings.earliest("position").booking.start
                ).date(),
                actor=actor,
            )
        else:
            replacement = issue_invoice(booking=invoice.booking, actor=actor)
        log_activity(
            obj=replacement,
            action_type="billing.invoice.replaces",
            actor=actor,
            data={"number": invoice.number},
        )
    return cancellation, replacement


def parse_amount(value: str) -> Decimal:
    """A euro amount as people type it ("1.234,50", "80,00", "80.5")."""
    text = value.strip().replace("€", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise BillingError(_("Please enter the amount as a number, e.g. 80,00.")) from exc
    if not amount.is_finite():
        raise BillingError(_("Please enter the amount as a number, e.g. 80,00."))
    return amount


def record_payment(
    *,
    invoice: Invoice,
    actor: User | None,
    amount: Decimal,
    paid_on: dt.date,
    reference: str = "",
) -> Payment:
    """Record money received for ``invoice``; its status follows from the payments."""
    amount = money(amount)
    if amount <= 0:
        raise BillingError(_("The amount must be more than zero."))
    if paid_on > timezone.localdate():
        raise BillingError(_("A payment cannot be recorded for a future date."))
    with transaction.atomic():
        lock(BOOKING_LOCK, invoice.booking_id)
        current = Invoice.objects.with_status().get(pk=invoice.pk)
        if current.is_cancellation:
            raise BillingError(_("Payments are recorded on the invoice, not on its cancellation."))
        paid = current.payments.aggregate(total=Sum("amount"))["total"] or ZERO
        if paid + amount > current.gross:
            raise BillingError(
                _("This is more than is still open (%(open)s €).")
                % {"open": f"{current.gross - paid:.2f}".replace(".", ",")}
            )
        payment = Payment.objects.create(
            invoice=current,
            amount=amount,
            paid_on=paid_on,
            reference=reference.strip()[:140],
            recorded_by=actor,
        )
        log_activity(
            obj=current,
            action_type="billing.payment.recorded",
            actor=actor,
            data={"amount": _amount(amount), "paid_on": paid_on.isoformat()},
        )
    return payment


def update_settings(*, actor: User | None, **values: object) -> BillingSettings:
    """Change what invoices state about the house; issued invoices keep what they stated."""
    with transaction.atomic():
        config = BillingSettings.current()
        for name, value in values.items():
            setattr(config, name, value)
        config.full_clean()
        config.save()
        log_activity(obj=config, action_type="billing.settings.changed", actor=actor)
    return config
