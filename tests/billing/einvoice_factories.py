"""E-invoice test data: a public-sector booker, and invoices with chosen lines."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from rooms.billing import services
from rooms.billing.einvoice.services import update_profile
from rooms.billing.models import Invoice, InvoiceLine

#: The example Leitweg-ID of the XRechnung specification (check digits 06).
LEITWEG_ID = "04011000-1234512345-06"


def authority(**kwargs):
    """A public body that books the conference centre at the full rate."""
    from tenants.models import Organisation
    from tests.tenants.factories import OrganisationFactory

    values = {
        "name": "Jobcenter Stadt Kassel",
        "kind": Organisation.Kind.EXTERNAL,
        "nonprofit_notice_date": None,
        "street": "Lewinskistraße 4",
        "postcode": "34117",
        "city": "Kassel",
    }
    values.update(kwargs)
    return OrganisationFactory(**values)


def public_sector_booking(make_booking, *, leitweg_id: str = LEITWEG_ID):
    jobcenter = authority()
    update_profile(organisation=jobcenter, actor=None, public_sector=True, leitweg_id=leitweg_id)
    return make_booking(organisation=jobcenter, contact_email="rechnung@jobcenter.example")


def invoice_with_lines(*, booking, actor, lines: list[tuple[str, str, str]]) -> Invoice:
    """An invoice of ``booking`` with (description, net, VAT rate) lines, as issuing writes it.

    The house's quotes carry one VAT rate; this states lines at several rates,
    as an invoice with VAT-free and taxed services would.
    """
    with transaction.atomic():
        return services._create_invoice(
            booking=booking,
            kind=Invoice.Kind.INVOICE,
            lines=[
                InvoiceLine(
                    description=description,
                    quantity=Decimal(1),
                    unit_price=Decimal(net),
                    net=Decimal(net),
                    vat_rate=Decimal(rate),
                )
                for description, net, rate in lines
            ],
            actor=actor,
            issued_on=booking.start.date(),
        )
