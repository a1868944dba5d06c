"""The demo house has a public-sector booker with a Leitweg-ID and an XRechnung."""

from __future__ import annotations

import pytest

from house import demo as house_demo
from rooms import demo as rooms_demo
from rooms.billing import demo as billing_demo
from rooms.billing.einvoice import demo
from rooms.billing.einvoice.leitweg import is_valid
from rooms.billing.einvoice.models import BillingProfile, EInvoiceFacts
from tenants import demo as tenants_demo

pytestmark = pytest.mark.django_db


def test_the_citys_social_services_office_receives_an_xrechnung(default_fee_rules):
    users = house_demo.seed()
    tenants_demo.seed(users=users)
    rooms_demo.seed(users=users)
    billing_demo.seed(users=users)

    demo.seed(users=users)
    demo.seed(users=users)

    [profile] = BillingProfile.objects.all()
    assert profile.organisation.slug == demo.PUBLIC_BOOKER
    assert profile.public_sector
    assert is_valid(profile.leitweg_id)
    [facts] = EInvoiceFacts.objects.filter(syntax=EInvoiceFacts.Syntax.XRECHNUNG)
    assert facts.buyer_reference == demo.DEMO_LEITWEG_ID
    assert facts.invoice.organisation == profile.organisation
