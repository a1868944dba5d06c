"""The invoice pages: house management writes, the reception looks, bookers see their own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from rooms.billing.models import Invoice, Payment
from rooms.billing.services import cancel_invoice, issue_invoice, record_payment
from tests.factories import UserFactory
from tests.tenants.factories import org_member

pytestmark = pytest.mark.django_db


def test_house_management_issues_an_invoice_from_the_list_of_bookings(
    client, issuer, booking, manager
):
    client.force_login(manager)
    page = client.get(reverse("billing:to_issue"), {"show": "all"})
    assert page.status_code == 200
    assert booking.title in page.text

    response = client.post(reverse("billing:issue", args=[booking.pk]))

    invoice = Invoice.objects.get(booking=booking)
    assert response.status_code == 302
    assert response.url == invoice.get_absolute_url()
    again = client.post(reverse("billing:issue", args=[booking.pk]), follow=True)
    assert "hat bereits eine Rechnung" in again.text
    assert Invoice.objects.filter(booking=booking).count() == 1
    assert booking.title not in client.get(reverse("billing:to_issue"), {"show": "all"}).text


def test_the_reception_sees_invoices_but_writes_none(client, issuer, booking, manager, reception):
    invoice = issue_invoice(booking=booking, actor=manager)
    client.force_login(reception)

    assert client.get(reverse("billing:invoices")).status_code == 200
    detail = client.get(invoice.get_absolute_url())
    assert detail.status_code == 200
    assert "Record the payment" not in detail.text
    assert "Zahlung erfassen" not in detail.text
    assert client.post(reverse("billing:issue", args=[booking.pk])).status_code == 403
    paid = client.post(
        reverse("billing:payment", args=[invoice.pk]),
        {"amount": "10,00", "paid_on": timezone.localdate().isoformat()},
    )
    assert paid.status_code == 403
    cancelled = client.post(
        reverse("billing:cancel", args=[invoice.pk]), {"action": "cancel", "reason": "x"}
    )
    assert cancelled.status_code == 403
    assert not Payment.objects.exists()
    assert Invoice.objects.count() == 1


def test_members_see_their_organisations_invoices_and_nobody_elses(
    client, issuer, make_booking, manager
):
    own = issue_invoice(booking=make_booking(), actor=manager)
    other = issue_invoice(booking=make_booking(), actor=manager)
    member = org_member(own.organisation)
    client.force_login(member)

    mine = client.get(reverse("billing:my_invoices"))
    assert own.number in mine.text
    assert other.number not in mine.text
    assert client.get(own.get_absolute_url()).status_code == 200
    pdf = client.get(reverse("billing:invoice_pdf", args=[own.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("billing:invoice_pdf", args=[other.pk])).status_code == 404
    assert client.get(reverse("billing:invoices")).status_code == 403
    assert client.post(reverse("billing:issue", args=[own.booking.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    for url in (
        reverse("billing:invoices"),
        invoice.get_absolute_url(),
        reverse("billing:invoice_pdf", args=[invoice.pk]),
        reverse("billing:my_invoices"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response.url


def test_recording_a_payment_marks_the_invoice_paid(client, issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    client.force_login(manager)
    amount = f"{invoice.gross:.2f}".replace(".", ",")
    assert "Zahlung erfassen" in client.get(invoice.get_absolute_url()).text

    response = client.post(
        reverse("billing:payment", args=[invoice.pk]),
        {"amount": amount, "paid_on": timezone.localdate().isoformat(), "reference": "RE"},
    )

    assert response.status_code == 302
    assert Invoice.objects.with_status().get(pk=invoice.pk).status == Invoice.Status.PAID
    listed = client.get(reverse("billing:invoices"), {"status": "paid"})
    assert invoice.number in listed.text
    assert invoice.number not in client.get(reverse("billing:invoices"), {"status": "open"}).text


@pytest.mark.parametrize(
    "data",
    [
        {"amount": "zehn", "paid_on": "2026-01-01"},
        {"amount": "-5", "paid_on": "2026-01-01"},
        {"amount": "1e999", "paid_on": "2026-01-01"},
        {"amount": "NaN", "paid_on": "2026-01-01"},
        {"amount": "10", "paid_on": "31.02.2026"},
        {"amount": "10", "paid_on": "9999-01-01"},
        {"amount": "99999", "paid_on": "2026-01-01"},
        {},
    ],
)
def test_bad_payment_input_is_refused_with_a_message_and_nothing_saved(
    client, issuer, booking, manager, data
):
    invoice = issue_invoice(booking=booking, actor=manager)
    client.force_login(manager)
    response = client.post(reverse("billing:payment", args=[invoice.pk]), data)
    assert response.status_code == 400
    assert "invalid-feedback" in response.text or "alert" in response.text
    assert not Payment.objects.exists()


def test_correcting_from_the_page_cancels_and_reissues(client, issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    client.force_login(manager)

    empty = client.post(reverse("billing:cancel", args=[invoice.pk]), {"action": "correct"})
    assert empty.status_code == 400
    response = client.post(
        reverse("billing:cancel", args=[invoice.pk]),
        {"action": "correct", "reason": "Falsche Anschrift"},
    )

    cancellation = Invoice.objects.get(cancels=invoice)
    replacement = Invoice.objects.filter(booking=booking).active().get()
    assert response.url == replacement.get_absolute_url()
    assert client.get(response.url).status_code == 200  # shows (and clears) the message
    assert replacement.sequence == cancellation.sequence + 1
    cancelled_list = client.get(reverse("billing:invoices"), {"status": "cancelled"}).text
    assert invoice.number in cancelled_list
    assert cancellation.number in cancelled_list
    assert replacement.number not in cancelled_list


def test_the_list_filters_overdue_invoices(client, issuer, make_booking, manager):
    past = timezone.localdate() - dt.timedelta(days=40)
    overdue = issue_invoice(booking=make_booking(), actor=manager, issued_on=past)
    fresh = issue_invoice(booking=make_booking(), actor=manager)
    client.force_login(manager)
    text = client.get(reverse("billing:invoices"), {"status": "overdue"}).text
    assert overdue.number in text
    assert fresh.number not in text
    assert "Unbekannt" not in client.get(reverse("billing:invoices"), {"status": "x"}).text


@pytest.mark.usefixtures("issuer")
@pytest.mark.parametrize("count", [1, 6])
def test_the_invoice_list_reads_a_constant_number_of_queries(
    client, make_booking, manager, django_assert_max_num_queries, count
):
    for index in range(count):
        invoice = issue_invoice(booking=make_booking(), actor=manager)
        record_payment(
            invoice=invoice,
            actor=manager,
            amount=Decimal("1.00"),
            paid_on=timezone.localdate(),
        )
        if index % 2:
            cancel_invoice(invoice=invoice, actor=manager, reason="Test")
    client.force_login(manager)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("billing:invoices"))
    assert response.status_code == 200


@pytest.mark.usefixtures("issuer")
@pytest.mark.parametrize("count", [1, 6])
def test_my_invoices_read_a_constant_number_of_queries(
    client, make_booking, manager, django_assert_max_num_queries, count
):
    first = issue_invoice(booking=make_booking(), actor=manager)
    for _index in range(count - 1):
        issue_invoice(booking=make_booking(organisation=first.organisation), actor=manager)
    client.force_login(org_member(first.organisation))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("billing:my_invoices"))
    assert response.text.count("RE-") >= count


def test_a_private_booker_sees_the_invoice_of_their_own_booking(
    client, issuer, make_booking, manager
):
    person = UserFactory()
    invoice = issue_invoice(
        booking=make_booking(organisation=None, person=person, contact_name=person.name),
        actor=manager,
    )
    client.force_login(person)
    assert client.get(invoice.get_absolute_url()).status_code == 200
    client.force_login(UserFactory())
    assert client.get(invoice.get_absolute_url()).status_code == 404


def test_the_admin_shows_invoices_read_only(rf, issuer, booking, manager):
    from django.contrib import admin

    invoice = issue_invoice(booking=booking, actor=manager)
    request = rf.get("/")
    request.user = manager
    model_admin = admin.site.get_model_admin(Invoice)
    assert model_admin.has_view_permission(request, invoice) is True
    assert model_admin.has_change_permission(request, invoice) is False
    assert model_admin.has_delete_permission(request, invoice) is False
    assert model_admin.has_add_permission(request) is False
