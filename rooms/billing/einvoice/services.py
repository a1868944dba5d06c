"""Writes of the electronic invoice: freezing its facts at issue, the billing profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from house.activity import log_activity
from rooms.billing.einvoice.leitweg import normalise
from rooms.billing.einvoice.models import BillingProfile, EInvoiceFacts

if TYPE_CHECKING:
    from house.models import User
    from rooms.billing.models import Invoice
    from tenants.models import Organisation

#: UNTDID 1001: commercial invoice, credit note, corrected invoice.
INVOICE, CREDIT_NOTE, CORRECTED = "380", "381", "384"
COUNTRY = "DE"


def profile_of(organisation: Organisation | None) -> BillingProfile | None:
    if organisation is None:
        return None
    return BillingProfile.objects.filter(organisation=organisation).first()


def _seller(invoice: Invoice) -> dict[str, str]:
    from house.context_processors import current_house

    house = current_house()
    if house is None:
        return {"country": COUNTRY, "contact": invoice.issuer_name}
    return {
        "street": house.street,
        "postcode": house.postcode,
        "city": house.city,
        "country": COUNTRY,
        "contact": invoice.issuer_name,
        "phone": house.phone,
        "email": house.email,
    }


def _buyer(invoice: Invoice) -> dict[str, str]:
    organisation = invoice.organisation
    if organisation is None:
        return {"country": COUNTRY}
    return {
        "street": organisation.street,
        "postcode": organisation.postcode,
        "city": organisation.city,
        "country": COUNTRY,
    }


def _preceding_invoice(invoice: Invoice) -> Invoice | None:
    """The cancelled invoice of the same booking that a new invoice corrects, if any."""
    from rooms.billing.models import Invoice

    return (
        Invoice.objects.filter(
            booking=invoice.booking_id,
            kind=Invoice.Kind.INVOICE,
            cancellation__isnull=False,
            sequence__lt=invoice.sequence,
            year__lte=invoice.year,
        )
        .exclude(pk=invoice.pk)
        .order_by("-year", "-sequence")
        .first()
    )


def build_facts(invoice: Invoice) -> EInvoiceFacts:
    """The facts as they stand now, unsaved (for an invoice issued before e-invoices)."""
    if invoice.is_cancellation and invoice.cancels is not None:
        original = facts_for(invoice.cancels)
        return EInvoiceFacts(
            invoice=invoice,
            syntax=original.syntax,
            type_code=CREDIT_NOTE,
            buyer_reference=original.buyer_reference,
            preceding_number=invoice.cancels.number,
            preceding_issued_on=invoice.cancels.issued_on,
            seller=_seller(invoice),
            buyer=original.buyer,
        )
    profile = profile_of(invoice.organisation)
    public = profile is not None and profile.public_sector and bool(profile.leitweg_id)
    preceding = _preceding_invoice(invoice)
    return EInvoiceFacts(
        invoice=invoice,
        syntax=EInvoiceFacts.Syntax.XRECHNUNG if public else EInvoiceFacts.Syntax.ZUGFERD,
        type_code=CORRECTED if preceding is not None else INVOICE,
        buyer_reference=profile.leitweg_id if public and profile is not None else "",
        preceding_number=preceding.number if preceding is not None else "",
        preceding_issued_on=preceding.issued_on if preceding is not None else None,
        seller=_seller(invoice),
        buyer=_buyer(invoice),
    )


def facts_for(invoice: Invoice) -> EInvoiceFacts:
    """The frozen facts of ``invoice``; built from today's data where none were frozen."""
    try:
        return EInvoiceFacts.objects.get(invoice=invoice)
    except EInvoiceFacts.DoesNotExist:
        return build_facts(invoice)


def record_facts(*, invoice: Invoice) -> EInvoiceFacts:
    """Freeze the e-invoice facts of an invoice being issued (in the issuing transaction)."""
    with transaction.atomic():
        facts = build_facts(invoice)
        facts.save()
    return facts


def update_profile(
    *,
    organisation: Organisation,
    actor: User | None,
    public_sector: bool,
    leitweg_id: str,
) -> BillingProfile:
    """Set how the house invoices ``organisation``; invoices already issued keep theirs."""
    leitweg_id = normalise(leitweg_id)
    with transaction.atomic():
        profile = (
            BillingProfile.objects.select_for_update().filter(organisation=organisation).first()
        )
        if profile is None:
            profile = BillingProfile(organisation=organisation)
        before: dict[str, Any] = {
            "public_sector": profile.public_sector,
            "leitweg_id": profile.leitweg_id,
        }
        profile.public_sector = public_sector
        profile.leitweg_id = leitweg_id
        profile.full_clean(exclude=["organisation"])
        if public_sector and not leitweg_id:
            raise ValidationError(
                {"leitweg_id": _("Public-sector bodies need a Leitweg-ID for their XRechnung.")}
            )
        profile.save()
        log_activity(
            obj=profile,
            action_type="billing.profile.changed",
            actor=actor,
            data={
                "organisation": organisation.name,
                "leitweg_id": leitweg_id or "–",
                "public_sector": "XRechnung" if public_sector else "ZUGFeRD",
                "before": before["leitweg_id"] or "–",
            },
        )
    return profile
