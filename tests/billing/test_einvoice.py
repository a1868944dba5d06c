"""E-invoices reach the booker in the right form: the Leitweg-ID, the billing profile
that house management keeps, the ZUGFeRD PDF, the XRechnung and their downloads."""

from __future__ import annotations

import base64
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from facturx import get_xml_from_pdf
from pypdf import PdfReader

from house.models import ActivityLog, OutboxEmail
from rooms.billing.einvoice import leitweg
from rooms.billing.einvoice.cii import invoice_xml
from rooms.billing.einvoice.models import BillingProfile, EInvoiceFacts, ImmutableFactsError
from rooms.billing.einvoice.services import update_profile
from rooms.billing.einvoice.zugferd import zugferd_pdf
from rooms.billing.services import cancel_invoice, issue_invoice
from tests.billing.einvoice_factories import LEITWEG_ID, public_sector_booking
from tests.tenants.factories import OrganisationFactory, org_member


@pytest.mark.parametrize(
    "value",
    ["04011000-1234512345-06", "991-33333TEST-33", " 04011000-1234512345-06 ", "991-33333test-33"],
)
def test_leitweg_ids_of_the_specification_are_accepted(value):
    assert leitweg.is_valid(value)
    leitweg.validate_leitweg_id(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("04011000-1234512345-07", "leitweg_check"),
        ("04011000-1234512345", "leitweg_form"),
        ("0-12-06", "leitweg_form"),
        ("04011000_1234512345_06", "leitweg_form"),
        ("04011000-12345-12345-06", "leitweg_form"),
        ("", "leitweg_form"),
    ],
)
def test_malformed_leitweg_ids_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as caught:
        leitweg.validate_leitweg_id(value)
    assert caught.value.code == code


def test_check_digits_are_computed_as_the_specification_shows():
    assert leitweg.check_digits("04011000-1234512345") == "06"
    assert leitweg.check_digits("991-33333TEST") == "33"


@pytest.mark.django_db
def test_a_public_sector_booker_is_mailed_the_xrechnung(issuer, make_booking, manager):
    invoice = issue_invoice(booking=public_sector_booking(make_booking), actor=manager)

    facts = EInvoiceFacts.objects.get(invoice=invoice)
    assert (facts.syntax, facts.buyer_reference, facts.type_code) == (
        "xrechnung",
        LEITWEG_ID,
        "380",
    )
    email = OutboxEmail.objects.get(ref=f"billing-invoice-{invoice.pk}")
    [attachment] = email.attachments
    assert attachment["filename"] == f"{invoice.number}-xrechnung.xml"
    assert attachment["mimetype"] == "application/xml"
    assert base64.b64decode(attachment["content"]) == invoice_xml(invoice)
    assert LEITWEG_ID in email.body_text


@pytest.mark.django_db
def test_everyone_else_is_mailed_a_zugferd_pdf_with_the_xml_inside(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)

    email = OutboxEmail.objects.get(ref=f"billing-invoice-{invoice.pk}")
    [attachment] = email.attachments
    pdf = base64.b64decode(attachment["content"])
    assert attachment["filename"] == f"{invoice.number}.pdf"
    filename, xml = get_xml_from_pdf(pdf, check_xsd=True)
    assert filename == "factur-x.xml"
    assert xml == invoice_xml(invoice)
    metadata = PdfReader(io.BytesIO(pdf)).xmp_metadata
    assert metadata is not None
    assert b"<pdfaid:part>3</pdfaid:part>" in metadata.stream.get_data()
    assert "ZUGFeRD" in email.body_text


@pytest.mark.django_db
def test_the_zugferd_pdf_in_english_carries_the_same_xml(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    german = get_xml_from_pdf(zugferd_pdf(invoice), check_xsd=False)[1]
    english = get_xml_from_pdf(zugferd_pdf(invoice, language="en"), check_xsd=False)[1]
    assert german == english == invoice_xml(invoice)


@pytest.mark.django_db
def test_the_facts_are_frozen_when_the_invoice_is_issued(issuer, make_booking, manager):
    booking = public_sector_booking(make_booking)
    invoice = issue_invoice(booking=booking, actor=manager)
    xml = invoice_xml(invoice)
    update_profile(
        organisation=booking.organisation, actor=manager, public_sector=False, leitweg_id=""
    )

    assert invoice_xml(invoice) == xml
    facts = EInvoiceFacts.objects.get(invoice=invoice)
    with pytest.raises(ImmutableFactsError):
        facts.save()
    with pytest.raises(ImmutableFactsError):
        facts.delete()
    cancellation = cancel_invoice(invoice=invoice, actor=manager, reason="Doppelt")
    assert EInvoiceFacts.objects.get(invoice=cancellation).buyer_reference == LEITWEG_ID


@pytest.mark.django_db
def test_a_profile_without_leitweg_id_for_a_public_body_is_refused(manager):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError):
        update_profile(organisation=organisation, actor=manager, public_sector=True, leitweg_id="")
    with pytest.raises(ValidationError):
        update_profile(
            organisation=organisation,
            actor=manager,
            public_sector=True,
            leitweg_id="04011000-1234512345-07",
        )
    assert not BillingProfile.objects.exists()


@pytest.mark.django_db
def test_house_management_keeps_the_leitweg_id_with_a_history(client, manager):
    organisation = OrganisationFactory(name="Landkreis Kassel")
    client.force_login(manager)
    url = reverse("billing:profile_edit", args=[organisation.pk])

    refused = client.post(url, {"public_sector": "on", "leitweg_id": "04011000-1234512345-07"})
    assert refused.status_code == 400
    assert "Prüfziffern" in refused.text
    missing = client.post(url, {"public_sector": "on", "leitweg_id": ""})
    assert "brauchen für ihre XRechnung eine Leitweg-ID" in missing.text
    assert not BillingProfile.objects.exists()

    saved = client.post(url, {"public_sector": "on", "leitweg_id": " 04011000-1234512345-06"})
    assert saved.status_code == 302
    profile = BillingProfile.objects.get(organisation=organisation)
    assert (profile.public_sector, profile.leitweg_id) == (True, LEITWEG_ID)
    [entry] = ActivityLog.objects.for_object(profile)
    assert entry.action_type == "billing.profile.changed"
    assert entry.actor == manager
    listing = client.get(reverse("billing:profiles"))
    assert "Landkreis Kassel" in listing.text
    assert LEITWEG_ID in listing.text
    assert LEITWEG_ID in client.get(url).text


@pytest.mark.django_db
def test_only_house_management_changes_billing_profiles(client, reception):
    organisation = OrganisationFactory()
    client.force_login(reception)
    assert client.get(reverse("billing:profiles")).status_code == 403
    url = reverse("billing:profile_edit", args=[organisation.pk])
    assert client.post(url, {"public_sector": "on", "leitweg_id": LEITWEG_ID}).status_code == 403
    client.force_login(org_member(organisation))
    assert client.post(url, {"public_sector": "on", "leitweg_id": LEITWEG_ID}).status_code == 403
    assert not BillingProfile.objects.exists()


@pytest.mark.django_db
def test_the_booker_downloads_the_e_invoice_under_the_rules_of_the_pdf(
    client, issuer, make_booking, manager
):
    own = issue_invoice(booking=public_sector_booking(make_booking), actor=manager)
    other = issue_invoice(booking=make_booking(), actor=manager)
    client.force_login(org_member(own.organisation))

    page = client.get(own.get_absolute_url())
    assert reverse("billing:invoice_xml", args=[own.pk]) in page.text
    xml = client.get(reverse("billing:invoice_xml", args=[own.pk]))
    assert xml.status_code == 200
    assert xml["Content-Type"] == "application/xml"
    assert "attachment" in xml["Content-Disposition"]
    assert xml.content == invoice_xml(own)
    english = client.get(reverse("billing:invoice_pdf", args=[own.pk]), {"language": "en"})
    assert english["Content-Type"] == "application/pdf"
    assert client.get(reverse("billing:invoice_xml", args=[other.pk])).status_code == 404
    client.logout()
    anonymous = client.get(reverse("billing:invoice_xml", args=[own.pk]))
    assert anonymous.status_code == 302


@pytest.mark.django_db
def test_house_management_downloads_the_zugferd_pdf(client, issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    client.force_login(manager)
    pdf = client.get(reverse("billing:invoice_pdf", args=[invoice.pk]))
    assert get_xml_from_pdf(pdf.content, check_xsd=False)[1] == invoice_xml(invoice)
    xml = client.get(reverse("billing:invoice_xml", args=[invoice.pk]))
    assert xml["Content-Disposition"] == f'attachment; filename="{invoice.number}-factur-x.xml"'
