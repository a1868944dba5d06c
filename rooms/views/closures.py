"""House management closes the house on a day, deciding first what happens to its bookings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from house.dates import parse_date
from house.models import ClosureDay
from rooms import closures
from rooms.forms import ClosureDayForm, ClosureDecisionForm

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from rooms.models import Booking


def _decision_form(booking: Booking, data: Any) -> ClosureDecisionForm:
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    return ClosureDecisionForm(
        data,
        prefix=f"booking-{booking.pk}",
        initial={
            "room": booking.room,
            "date": start.date() + dt.timedelta(days=1),
            "start_time": start.time(),
            "end_time": end.time(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("rooms.close_house", raise_exception=True)
def closure_new(request: HttpRequest) -> HttpResponse:
    """First the day and its reason; then, if bookings take place that day, one decision
    per booking (cancel, move, keep); the day is closed only with all of them."""
    today = timezone.localdate()
    form = ClosureDayForm(
        request.POST or None,
        initial={"date": parse_date(request.GET.get("date"), today), "kind": "maintenance"},
    )
    context: dict[str, Any] = {"form": form, "rows": [], "upcoming": []}
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["date"]
        bookings = closures.bookings_on(day)
        # Decisions count only for the day they were made for.
        deciding = request.POST.get("checked_date") == day.isoformat()
        rows = [(b, _decision_form(b, request.POST if deciding else None)) for b in bookings]
        context.update(rows=rows, day=day, alternatives={})
        if deciding or not bookings:
            if ClosureDay.objects.filter(date=day).exists():
                form.add_error("date", _("The house is already closed on this day."))
            elif all(row_form.is_valid() for _b, row_form in rows):
                try:
                    closures.close_day(
                        actor=request.user,  # type: ignore[arg-type]
                        date=day,
                        reason=form.cleaned_data["reason"],
                        reason_en=form.cleaned_data["reason_en"],
                        kind=form.cleaned_data["kind"],
                        decisions={b.pk: f.decision() for b, f in rows},
                    )
                except closures.ClosureError as exc:
                    row_form = next((f for b, f in rows if b.pk == exc.booking_id), None)
                    if row_form is not None:
                        row_form.add_error(None, exc.message)
                        context["alternatives"] = {exc.booking_id: exc.alternatives}
                    else:
                        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    messages.success(
                        request,
                        _("The house is closed on %(date)s.")
                        % {"date": formats.date_format(day, "SHORT_DATE_FORMAT")},
                    )
                    return redirect(f"{reverse('rooms:reception')}?date={day.isoformat()}")
    else:
        context["upcoming"] = list(ClosureDay.objects.upcoming()[:10])
    return render(request, "rooms/reception_closure_form.html", context)
