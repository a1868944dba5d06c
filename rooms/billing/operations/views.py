"""House management's pages of the business: bank statements and matching, open items and
reminders, deposits. Thin: parse, authorise, call a service, render or redirect."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.models import ActivityLog
from rooms.billing.models import BillingSettings, Invoice
from rooms.billing.operations import deposits, payments, reminders
from rooms.billing.operations.forms import (
    DepositHoldForm,
    DepositSettleForm,
    MatchForm,
    SetAsideForm,
    StatementForm,
)
from rooms.billing.operations.models import BankEntry, BankStatement, Deposit
from rooms.billing.services import BillingError
from rooms.models import Booking

if TYPE_CHECKING:
    from django.http import HttpResponse

    from rooms.billing.views import SignedInRequest

PER_PAGE = 50
MANAGE = "billing.manage_business"


def _managed(view: Any) -> Any:
    return login_required(permission_required(MANAGE, raise_exception=True)(view))


@require_http_methods(["GET", "POST"])
@_managed
def statements(request: SignedInRequest) -> HttpResponse:
    form = StatementForm()
    status = 200
    if request.method == "POST":
        form = StatementForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = payments.import_statement(
                    content=upload.read(), filename=upload.name, actor=request.user
                )
            except BillingError as exc:
                form.add_error("file", str(exc))
            else:
                if result.statement is None:
                    messages.info(
                        request,
                        _("Every credit of this statement was imported before: nothing booked."),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "%(new)s new credits read, %(matched)s booked on their invoices, "
                            "%(open)s left to match; %(known)s known from before."
                        )
                        % {
                            "new": result.new,
                            "matched": result.matched,
                            "open": result.unmatched,
                            "known": result.known,
                        },
                    )
                return redirect("billing:entries" if result.unmatched else "billing:statements")
        status = 400
    page = Paginator(BankStatement.objects.select_related("uploaded_by"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "open_count": BankEntry.objects.unmatched().count()}
    return render(request, "billing/bankstatement_list.html", context, status=status)


@require_GET
@_managed
def entries(request: SignedInRequest) -> HttpResponse:
    return _entries_page(request)


def _entries_page(
    request: SignedInRequest, *, bound: tuple[int, Any] | None = None, status: int = 200
) -> HttpResponse:
    open_entries = list(BankEntry.objects.unmatched().select_related("statement")[:200])
    rows = []
    for entry in open_entries:
        match_form: Any = MatchForm(prefix=f"e{entry.pk}")
        aside_form: Any = SetAsideForm(prefix=f"a{entry.pk}")
        if bound is not None and bound[0] == entry.pk:
            if isinstance(bound[1], MatchForm):
                match_form = bound[1]
            else:
                aside_form = bound[1]
        suggestions = payments.invoice_numbers_in(entry.reference, _prefix())
        rows.append({"entry": entry, "match": match_form, "aside": aside_form, "hint": suggestions})
    recent = (
        BankEntry.objects.exclude(state=BankEntry.State.OPEN)
        .select_related("payment__invoice")
        .order_by("-pk")[:20]
    )
    return render(
        request,
        "billing/bankentry_list.html",
        {"rows": rows, "recent": recent},
        status=status,
    )


def _prefix() -> str:
    return BillingSettings.current().number_prefix


@require_POST
@_managed
def match_entry(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(BankEntry, pk=pk)
    form = MatchForm(request.POST, prefix=f"e{entry.pk}")
    if form.is_valid():
        invoice = Invoice.objects.filter(number__iexact=form.cleaned_data["number"].strip()).first()
        if invoice is None:
            form.add_error("number", _("There is no invoice with this number."))
        else:
            try:
                payments.match_entry(
                    entry=entry,
                    invoice=invoice,
                    actor=request.user,
                    amount=form.cleaned_data["amount"],
                )
            except BillingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("The credit is booked on invoice %(number)s.") % {"number": invoice.number},
                )
                return redirect("billing:entries")
    return _entries_page(request, bound=(entry.pk, form), status=400)


@require_POST
@_managed
def set_aside(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(BankEntry, pk=pk)
    form = SetAsideForm(request.POST, prefix=f"a{entry.pk}")
    if form.is_valid():
        try:
            payments.set_aside(entry=entry, actor=request.user, note=form.cleaned_data["note"])
        except BillingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The credit is set aside."))
            return redirect("billing:entries")
    return _entries_page(request, bound=(entry.pk, form), status=400)


@require_GET
@_managed
def open_items(request: SignedInRequest) -> HttpResponse:
    items = reminders.open_items()
    due = [
        item for item in items if item.next_on is not None and item.next_on <= timezone.localdate()
    ]
    return render(
        request,
        "billing/invoice_open_items.html",
        {
            "items": items,
            "due_count": len(due),
            "total": sum((item.invoice.outstanding for item in items), start=0),
        },
    )


@require_POST
@_managed
def send_reminders(request: SignedInRequest) -> HttpResponse:
    sent = reminders.send_due_reminders(actor=request.user)
    if sent:
        messages.success(
            request,
            ngettext(
                "%(count)s reminder is on its way.", "%(count)s reminders are on their way.", sent
            )
            % {"count": sent},
        )
    else:
        messages.info(request, _("No reminder is due."))
    return redirect("billing:open_items")


@require_GET
@_managed
def deposit_list(request: SignedInRequest) -> HttpResponse:
    bookings = (
        Booking.objects.filter(deposit__gt=0, state=Booking.State.CONFIRMED)
        .annotate(recorded=Exists(Deposit.objects.filter(booking=OuterRef("pk"))))
        .select_related("room", "organisation", "deposit_record")
        .order_by("-start")
    )
    if request.GET.get("show") != "all":
        bookings = bookings.exclude(
            deposit_record__state__in=[Deposit.State.RETURNED, Deposit.State.KEPT]
        )
    page = Paginator(bookings, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "billing/deposit_list.html",
        {"page": page, "show_all": request.GET.get("show") == "all"},
    )


def errors_as_messages(request: SignedInRequest, form: Any, *, prefix: str = "") -> None:
    """A small inline form's errors, shown as messages on the page it returns to."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, f"{prefix}{error!s}")


def _back(request: SignedInRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target.startswith("/billing/") and "//" not in target:
        return redirect(target)
    return redirect(default)


@require_POST
@_managed
def hold_deposit(request: SignedInRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.visible_to(request.user), pk=pk)
    form = DepositHoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter the day the deposit was received."))
        return _back(request, "billing:deposits")
    try:
        deposits.hold_deposit(
            booking=booking, actor=request.user, received_on=form.cleaned_data["received_on"]
        )
    except BillingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The deposit is recorded as held."))
    return _back(request, "billing:deposits")


@require_POST
@_managed
def settle_deposit(request: SignedInRequest, pk: int) -> HttpResponse:
    deposit = get_object_or_404(Deposit, pk=pk)
    form = DepositSettleForm(request.POST)
    if not form.is_valid():
        errors_as_messages(request, form)
        return _back(request, "billing:deposits")
    try:
        deposits.settle_deposit(
            deposit=deposit,
            actor=request.user,
            settled_on=form.cleaned_data["settled_on"],
            kept=form.cleaned_data["kept"],
            reason=form.cleaned_data["reason"],
        )
    except BillingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The deposit is settled."))
    return _back(request, "billing:deposits")


def deposit_history(deposit: Deposit | None) -> Any:
    return ActivityLog.objects.for_object(deposit) if deposit is not None else []
