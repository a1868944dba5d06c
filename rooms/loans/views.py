"""The pages of the equipment loans: the reception's desk (what is out, what is due
back, lend, hand out, take back), an organisation's loans, and equipment on a booking."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rooms.loans import services
from rooms.loans.forms import BookingLoanForm, LoanForm
from rooms.loans.models import LendableItem, Loan
from rooms.models import Booking
from tenants.models import Organisation

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        user: User


def _lend(
    request: SignedInRequest, form: LoanForm, organisation: Organisation | None
) -> Loan | None:
    if not form.is_valid():
        return None
    starts, ends = form.span()
    try:
        loan = services.lend_item(
            actor=request.user,
            item=form.cleaned_data["item"],
            starts=starts,
            ends=ends,
            organisation=organisation or form.cleaned_data["organisation"],
            note=form.cleaned_data["note"],
        )
    except services.LoanError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None
    messages.success(
        request,
        _("%(item)s is reserved for %(who)s.") % {"item": loan.item, "who": loan.borrower_label},
    )
    return loan


@login_required
@permission_required("loans.manage_loan", raise_exception=True)
@require_http_methods(["GET", "POST"])
def desk(request: SignedInRequest) -> HttpResponse:
    """What is out, what is due back today, what is reserved; and a form to lend."""
    form = LoanForm(request.POST or None)
    if request.method == "POST" and _lend(request, form, None):
        return redirect("loans:desk")
    now = timezone.localtime()
    end_of_day = now.replace(hour=23, minute=59, second=59)
    holding = list(Loan.objects.holding().for_lists().order_by("ends"))
    return render(
        request,
        "loans/loan_desk.html",
        {
            "form": form,
            "out": [loan for loan in holding if loan.state == Loan.State.OUT],
            "due_today": [
                loan for loan in holding if loan.state == Loan.State.OUT and loan.ends <= end_of_day
            ],
            "reserved": [loan for loan in holding if loan.state == Loan.State.RESERVED],
            "items": LendableItem.objects.lendable(),
            "now": now,
        },
    )


def _loan(request: SignedInRequest, pk: int) -> Loan:
    return get_object_or_404(Loan.objects.visible_to(request.user).for_lists(), pk=pk)


@login_required
@require_POST
def change(request: SignedInRequest, pk: int, step: str) -> HttpResponse:
    """Hand out, take back (the front desk) or cancel a reservation (members, too)."""
    loan = _loan(request, pk)
    permission = "loans.cancel_loan" if step == "cancel" else "loans.manage_loan"
    if step not in {"hand-out", "return", "cancel"} or not request.user.has_perm(permission, loan):
        raise PermissionDenied
    try:
        if step == "hand-out":
            services.hand_out(actor=request.user, loan=loan)
            messages.success(request, _("%(item)s is handed out.") % {"item": loan.item})
        elif step == "return":
            services.record_return(actor=request.user, loan=loan, note=request.POST.get("note", ""))
            messages.success(request, _("%(item)s is back.") % {"item": loan.item})
        else:
            services.cancel_loan(actor=request.user, loan=loan)
            messages.success(
                request, _("The reservation of %(item)s is cancelled.") % {"item": loan.item}
            )
    except services.LoanError as exc:
        messages.error(request, exc.message)
    if loan.organisation and not request.user.has_perm("loans.manage_loan"):
        return redirect("loans:organisation", org_slug=loan.organisation.slug)
    return redirect("loans:desk")


@login_required
@require_http_methods(["GET", "POST"])
def organisation_loans(request: SignedInRequest, org_slug: str) -> HttpResponse:
    """A tenant organisation's loans, and a form to borrow for it."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), slug=org_slug)
    if not request.user.has_perm("loans.borrow_for_organisation", organisation):
        raise PermissionDenied
    form = LoanForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and _lend(request, form, organisation):
        return redirect("loans:organisation", org_slug=org_slug)
    loans = (
        Loan.objects.filter(Q(organisation=organisation))
        .exclude(state=Loan.State.CANCELLED)
        .filter(ends__gte=timezone.now() - dt.timedelta(days=30))
        .for_lists()
        .order_by("-starts")
    )
    return render(
        request,
        "loans/loan_organisation.html",
        {"organisation": organisation, "form": form, "loans": loans},
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_equipment(request: SignedInRequest, pk: int) -> HttpResponse:
    """Add a free item to a room booking (the reception, or a member of its organisation)."""
    booking = get_object_or_404(Booking.objects.visible_to(request.user).for_lists(), pk=pk)
    if not (
        request.user.has_perm("loans.manage_loan")
        or (
            booking.organisation and request.user.has_perm("loans.borrow_for_organisation", booking)
        )
    ):
        raise PermissionDenied
    free = LendableItem.objects.free_between(booking.start, booking.end)
    form = BookingLoanForm(request.POST or None, free=free)
    if request.method == "POST" and form.is_valid():
        try:
            loan = services.lend_item(
                actor=request.user, item=form.cleaned_data["item"], booking=booking
            )
        except services.LoanError as exc:
            form.add_error("item", exc.message)
        else:
            messages.success(request, _("%(item)s is added to the booking.") % {"item": loan.item})
            return redirect("loans:booking", pk=booking.pk)
    return render(
        request,
        "loans/loan_booking.html",
        {
            "booking": booking,
            "form": form,
            "loans": booking.loans.exclude(state=Loan.State.CANCELLED).select_related("item"),
            "has_free": free.exists(),
        },
    )
