"""The invoice pages: house management issues, corrects and records payments; the reception
looks; bookers see their own invoices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from house.models import ActivityLog
from rooms.billing import services
from rooms.billing.einvoice.services import facts_for
from rooms.billing.forms import CancelForm, PaymentForm
from rooms.billing.models import Invoice
from rooms.models import Booking

if TYPE_CHECKING:
    from django.http import HttpRequest

    from house.models import User

    class SignedInRequest(HttpRequest):
        user: User


PER_PAGE = 50
STATUS_FILTERS = ("open", "overdue", "paid", "cancelled")


def filter_by_status(invoices: QuerySet[Invoice], status: str) -> QuerySet[Invoice]:
    """Invoices (annotated by ``with_status``) in one of the states of the list's filter."""
    today = timezone.localdate()
    unsettled = Q(kind=Invoice.Kind.INVOICE, is_cancelled=False, paid_total__lt=F("gross"))
    if status == "open":
        return invoices.filter(unsettled, due_on__gte=today)
    if status == "overdue":
        return invoices.filter(unsettled, due_on__lt=today)
    if status == "paid":
        return invoices.filter(
            Q(kind=Invoice.Kind.INVOICE, is_cancelled=False, paid_total__gte=F("gross"))
        )
    if status == "cancelled":
        return invoices.filter(Q(is_cancelled=True) | Q(kind=Invoice.Kind.CANCELLATION))
    return invoices


@require_GET
@login_required
@permission_required("billing.view_invoice_list", raise_exception=True)
def invoice_list(request: SignedInRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in STATUS_FILTERS:
        status = ""
    invoices = filter_by_status(Invoice.objects.for_lists(), status)
    page = Paginator(invoices, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "billing/invoice_list.html",
        {
            "page": page,
            "status": status,
            "filters": [
                ("", _("All")),
                ("open", _("Open")),
                ("overdue", _("Overdue")),
                ("paid", _("Paid")),
                ("cancelled", _("Cancelled")),
            ],
        },
    )


def chargeable_without_invoice() -> QuerySet[Booking]:
    return (
        Booking.objects.filter(state=Booking.State.CONFIRMED, gross__gt=0)
        .exclude(Exists(Invoice.objects.active().filter(booking=OuterRef("pk"))))
        .exclude(
            Exists(Invoice.objects.active().filter(collected_bookings__booking=OuterRef("pk")))
        )
        .select_related("room", "organisation", "person")
        .order_by("start", "pk")
    )


@require_GET
@login_required
@permission_required("billing.view_invoice_list", raise_exception=True)
def bookings_to_invoice(request: SignedInRequest) -> HttpResponse:
    until = timezone.localdate()
    show_all = request.GET.get("show") == "all"
    bookings = chargeable_without_invoice()
    if not show_all:
        bookings = bookings.filter(start__date__lte=until)
    page = Paginator(bookings, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "billing/invoice_to_issue.html", {"page": page, "show_all": show_all})


@require_POST
@login_required
@permission_required("billing.manage_invoice", raise_exception=True)
def issue(request: SignedInRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.visible_to(request.user), pk=pk)
    try:
        invoice = services.issue_invoice(booking=booking, actor=request.user)
    except services.BillingError as exc:
        messages.error(request, str(exc))
        return redirect("billing:to_issue")
    messages.success(
        request,
        _("Invoice %(number)s is issued and on its way to %(email)s.")
        % {"number": invoice.number, "email": invoice.recipient_email or _("nobody (no address)")},
    )
    return redirect(invoice)


def _visible_invoice(request: SignedInRequest, pk: int) -> Invoice:
    invoice = get_object_or_404(
        Invoice.objects.visible_to(request.user)
        .with_status()
        .select_related("booking__room", "organisation", "cancels"),
        pk=pk,
    )
    if not request.user.has_perm("billing.view_invoice", invoice):
        raise PermissionDenied
    return invoice


def _detail_context(request: SignedInRequest, invoice: Invoice, **forms: Any) -> dict[str, Any]:
    cancellation = Invoice.objects.filter(cancels=invoice).first()
    return {
        "invoice": invoice,
        "lines": list(invoice.lines.all()),
        "groups": invoice.vat_groups(),
        "payments": list(invoice.payments.select_related("recorded_by")),
        "cancellation": cancellation,
        "can_manage": request.user.has_perm("billing.manage_invoice", invoice),
        "payment_form": forms.get("payment_form") or PaymentForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "history": ActivityLog.objects.for_object(invoice),
        "einvoice": facts_for(invoice),
    }


@require_GET
@login_required
def invoice_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    invoice = _visible_invoice(request, pk)
    return render(request, "billing/invoice_detail.html", _detail_context(request, invoice))


@require_POST
@login_required
@permission_required("billing.manage_invoice", raise_exception=True)
def cancel(request: SignedInRequest, pk: int) -> HttpResponse:
    invoice = _visible_invoice(request, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, invoice, cancel_form=form)
        return render(request, "billing/invoice_detail.html", context, status=400)
    reason = form.cleaned_data["reason"]
    try:
        if form.cleaned_data["action"] == "correct":
            cancellation, replacement = services.correct_invoice(
                invoice=invoice, actor=request.user, reason=reason
            )
            messages.success(
                request,
                _("Invoice %(number)s is cancelled by %(cancellation)s and replaced by %(new)s.")
                % {
                    "number": invoice.number,
                    "cancellation": cancellation.number,
                    "new": replacement.number,
                },
            )
            return redirect(replacement)
        cancellation = services.cancel_invoice(invoice=invoice, actor=request.user, reason=reason)
    except services.BillingError as exc:
        messages.error(request, str(exc))
        return redirect(invoice)
    messages.success(
        request,
        _("Invoice %(number)s is cancelled by %(cancellation)s.")
        % {"number": invoice.number, "cancellation": cancellation.number},
    )
    return redirect(cancellation)


@require_POST
@login_required
@permission_required("billing.manage_invoice", raise_exception=True)
def add_payment(request: SignedInRequest, pk: int) -> HttpResponse:
    invoice = _visible_invoice(request, pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.record_payment(
                invoice=invoice,
                actor=request.user,
                amount=form.cleaned_data["amount"],
                paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["reference"],
            )
        except services.BillingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect(invoice)
    context = _detail_context(request, invoice, payment_form=form)
    return render(request, "billing/invoice_detail.html", context, status=400)


@require_GET
@login_required
def my_invoices(request: SignedInRequest) -> HttpResponse:
    invoices = (
        Invoice.objects.of_booker(request.user)
        .select_related("booking__room", "organisation")
        .with_status()
    )
    page = Paginator(invoices, PER_PAGE).get_page(request.GET.get("page"))
    deposits = list(
        Booking.objects.filter(
            pk__in=Invoice.objects.of_booker(request.user).values("booking"), deposit__gt=0
        ).select_related("room")[:PER_PAGE]
    )
    return render(request, "billing/invoice_mine.html", {"page": page, "deposits": deposits})
