"""The demo house's business since its first bookings: the tenants get one collective
invoice a month, the other bookers one invoice per booking; most invoices are paid by
transfers on an imported bank statement, two transfers wait to be matched by hand,
three invoices are overdue (with a first and a second reminder), one invoice is
corrected by a cancellation invoice, and two deposits are settled (one returned, one
kept in part). Revenue accounts are set for some fee rules, so that the DATEV export of
any past month has something to show."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone
from lxml import etree

from rooms.billing import services
from rooms.billing.models import Invoice
from rooms.billing.operations import accounting, collective, deposits, payments, reminders
from rooms.billing.operations.models import AccountingSettings, OrganisationBilling
from rooms.models import Booking, FeeRule
from tenants.models import Organisation

if TYPE_CHECKING:
    from house.models import User

CAMT = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"
#: Bookers invoiced per booking although the house's default is a collective invoice.
SINGLE = ("nordhessen-consulting", "stadt-kassel-sozialamt", "bildungswerk-rhein-main")
REVENUE_ACCOUNTS = {"Mieter: gemeinwohlorientiert": ("8405", ""), "Öffentliche Hand": ("8406", "")}


def _configure(manager: User | None) -> None:
    accounting.update_accounting_settings(
        actor=manager,
        collective_by_default=True,
        consultant_number=29098,
        client_number=4711,
        first_reminder_days=14,
        second_reminder_days=14,
    )
    for organisation in Organisation.objects.filter(slug__in=SINGLE):
        collective.set_preference(
            organisation=organisation,
            collective=OrganisationBilling.Collective.SINGLE,
            actor=manager,
        )
    for rule in FeeRule.objects.filter(name__in=REVENUE_ACCOUNTS):
        account, tax_key = REVENUE_ACCOUNTS[rule.name]
        accounting.set_revenue_account(
            fee_rule=rule, account=account, tax_key=tax_key, actor=manager
        )


def _issue_everything(manager: User | None, today: dt.date) -> list[Invoice]:
    """Invoices in date order: single ones the day after the booking, collective ones on the
    first of the following month; the current month stays to be invoiced."""
    default = AccountingSettings.current().collective_by_default
    plan: list[tuple[dt.date, int, object]] = []
    past = (
        Booking.objects.filter(state=Booking.State.CONFIRMED, gross__gt=0, end__date__lt=today)
        .select_related("organisation")
        .order_by("start")
    )
    months: set[tuple[Organisation, dt.date]] = set()
    for booking in past:
        day = timezone.localtime(booking.end).date() + dt.timedelta(days=1)
        if booking.organisation is not None and collective.is_collective(
            booking.organisation, default=default
        ):
            month = timezone.localtime(booking.start).date().replace(day=1)
            _first, last = collective.month_bounds(month)
            if last < today:
                months.add((booking.organisation, month))
            continue
        plan.append((day, booking.pk, booking))
    for organisation, month in months:
        plan.append(
            (collective.month_bounds(month)[1] + dt.timedelta(days=1), 0, (organisation, month))
        )
    plan.sort(key=lambda item: (item[0], item[1]))
    issued = []
    for day, _pk, what in plan:
        if isinstance(what, Booking):
            issued.append(services.issue_invoice(booking=what, actor=manager, issued_on=day))
        else:
            organisation, month = what  # type: ignore[misc]
            issued.append(
                collective.issue_collective_invoice(
                    organisation=organisation, month=month, actor=manager, issued_on=day
                )
            )
    return issued


def _ntry(document: etree._Element, *, day: dt.date, amount: Decimal, name: str, text: str) -> None:
    entry = etree.SubElement(document, f"{{{CAMT}}}Ntry")
    amt = etree.SubElement(entry, f"{{{CAMT}}}Amt", Ccy="EUR")
    amt.text = f"{amount:.2f}"
    etree.SubElement(entry, f"{{{CAMT}}}CdtDbtInd").text = "CRDT"
    status = etree.SubElement(entry, f"{{{CAMT}}}Sts")
    etree.SubElement(status, f"{{{CAMT}}}Cd").text = "BOOK"
    booked = etree.SubElement(entry, f"{{{CAMT}}}BookgDt")
    etree.SubElement(booked, f"{{{CAMT}}}Dt").text = day.isoformat()
    details = etree.SubElement(etree.SubElement(entry, f"{{{CAMT}}}NtryDtls"), f"{{{CAMT}}}TxDtls")
    parties = etree.SubElement(details, f"{{{CAMT}}}RltdPties")
    debtor = etree.SubElement(etree.SubElement(parties, f"{{{CAMT}}}Dbtr"), f"{{{CAMT}}}Pty")
    etree.SubElement(debtor, f"{{{CAMT}}}Nm").text = name[:70]
    remittance = etree.SubElement(details, f"{{{CAMT}}}RmtInf")
    etree.SubElement(remittance, f"{{{CAMT}}}Ustrd").text = text[:140]


def demo_statement(transfers: list[tuple[dt.date, Decimal, str, str]]) -> bytes:
    """A CAMT.053 statement of the house's account with the given transfers."""
    root = etree.Element(f"{{{CAMT}}}Document", nsmap={None: CAMT})
    statement = etree.SubElement(
        etree.SubElement(root, f"{{{CAMT}}}BkToCstmrStmt"), f"{{{CAMT}}}Stmt"
    )
    etree.SubElement(statement, f"{{{CAMT}}}Id").text = "DEMO"
    for day, amount, name, text in transfers:
        _ntry(statement, day=day, amount=amount, name=name, text=text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _collect(invoices: list[Invoice], manager: User | None, today: dt.date) -> list[Invoice]:
    """Pay most invoices through an imported statement; returns the overdue ones left open."""
    rng = random.Random(16)  # noqa: S311 - demo data, not security
    due = [invoice for invoice in invoices if invoice.due_on < today - dt.timedelta(days=3)]
    overdue = [due[len(due) // 3], due[len(due) // 2], due[-1]] if len(due) >= 3 else []
    transfers = []
    for invoice in due:
        if invoice in overdue:
            continue
        paid_on = min(today, invoice.issued_on + dt.timedelta(days=rng.randint(3, 13)))
        transfers.append(
            (paid_on, invoice.gross, invoice.recipient_name, f"{invoice.number} Danke")
        )
    if len(due) >= 2:
        partial = due[-2] if due[-2] not in overdue else due[0]
        transfers = [c for c in transfers if partial.number not in c[3]]
        transfers.append(
            (
                today - dt.timedelta(days=2),
                partial.gross - Decimal("10.00"),
                partial.recipient_name,
                f"Rechnung {partial.number[:-1]} Raum",
            )
        )
    transfers.append(
        (today - dt.timedelta(days=5), Decimal("480.00"), "Mieterin Büro 2.14", "Miete")
    )
    transfers.sort(key=lambda credit: credit[0])
    payments.import_statement(
        content=demo_statement(transfers), filename="kontoauszug-demo.xml", actor=manager
    )
    return overdue


def _remind(overdue: list[Invoice], manager: User | None, today: dt.date) -> None:
    config = AccountingSettings.current()
    for index, invoice in enumerate(overdue):
        first = invoice.due_on + dt.timedelta(days=config.first_reminder_days)
        if first <= today:
            reminders.send_reminder(invoice=invoice, actor=manager, today=first)
        second = first + dt.timedelta(days=config.second_reminder_days)
        if index == 0 and second <= today:
            reminders.send_reminder(invoice=invoice, actor=manager, today=second)


def _settle_deposits(invoices: list[Invoice], manager: User | None, today: dt.date) -> None:
    """A deposit for two of the last single invoices' bookings: one returned, one kept in part."""
    singles = [i for i in invoices if not i.collected_bookings.exists()][-4:-2]
    for index, invoice in enumerate(singles):
        booking = invoice.booking
        Booking.objects.filter(pk=booking.pk).update(deposit=Decimal("150.00"))
        booking.refresh_from_db()
        start = timezone.localtime(booking.start).date()
        deposit = deposits.hold_deposit(
            booking=booking, actor=manager, received_on=min(today, start - dt.timedelta(days=3))
        )
        settled_on = min(today, start + dt.timedelta(days=2))
        if index == 0:
            deposits.settle_deposit(deposit=deposit, actor=manager, settled_on=settled_on)
        else:
            deposits.settle_deposit(
                deposit=deposit,
                actor=manager,
                settled_on=settled_on,
                kept=Decimal("40.00"),
                reason="Reinigung des Teppichs nach Kaffeeflecken",
            )


def seed(*, users: dict[str, User]) -> None:
    """Called by the invoices' demo once the house states its tax identity and bank account."""
    if Invoice.objects.exists():
        return
    manager = users.get("management")
    today = timezone.localdate()
    _configure(manager)
    invoices = _issue_everything(manager, today)
    if not invoices:
        return
    overdue = _collect(invoices, manager, today)
    _remind(overdue, manager, today)
    _settle_deposits(invoices, manager, today)
    corrected = next(
        (i for i in reversed(invoices) if not i.collected_bookings.exists() and i not in overdue),
        None,
    )
    if corrected is not None and corrected.outstanding:
        services.correct_invoice(
            invoice=corrected, actor=manager, reason="Rechnung an die falsche Anschrift"
        )
