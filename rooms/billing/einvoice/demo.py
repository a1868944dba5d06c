"""The demo house's public-sector booker: the city's social services office receives its
invoices as XRechnung, with its Leitweg-ID. Runs after the billing demo (invoice numbers
follow the invoice dates); idempotent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef

from rooms.billing import services
from rooms.billing.einvoice.models import BillingProfile, EInvoiceFacts
from rooms.billing.einvoice.services import update_profile
from rooms.billing.models import Invoice
from rooms.models import Booking
from tenants.models import Organisation

if TYPE_CHECKING:
    from house.models import User

PUBLIC_BOOKER = "stadt-kassel-sozialamt"
#: The city of Kassel's municipality key, the office as fine address, and its check digits.
DEMO_LEITWEG_ID = "06611000-SOZIALAMT-59"


def seed(*, users: dict[str, User]) -> None:
    office = Organisation.objects.filter(slug=PUBLIC_BOOKER).first()
    if office is None:
        return
    if not BillingProfile.objects.filter(organisation=office).exists():
        update_profile(
            organisation=office, actor=None, public_sector=True, leitweg_id=DEMO_LEITWEG_ID
        )
    if EInvoiceFacts.objects.filter(syntax=EInvoiceFacts.Syntax.XRECHNUNG).exists():
        return
    booking = (
        Booking.objects.filter(organisation=office, state=Booking.State.CONFIRMED, gross__gt=0)
        .exclude(Exists(Invoice.objects.active().filter(booking=OuterRef("pk"))))
        .order_by("start")
        .first()
    )
    if booking is not None:
        services.issue_invoice(booking=booking, actor=users.get("management"))
