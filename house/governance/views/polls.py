"""Date polls: the organiser offers dates, members answer, the organiser fixes the date."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from house.governance import services
from house.governance.forms import DatePollForm, DecideDatePollForm
from house.governance.models import DatePollAnswer
from house.governance.services.polls import poll_table, seat_in_poll

from .access import committee_for, refuse, require


@login_required
@require_http_methods(["GET", "POST"])
def poll_new(request, slug):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    form = DatePollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            poll = services.open_date_poll(
                committee=committee,
                title=data["title"],
                slots=data["slots"],
                room=data["room"],
                location=data["location"],
                note=data["note"],
                actor=request.user,
            )
        except services.GovernanceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The members can now answer the date poll."))
            return redirect("governance:date_poll", slug=slug, pk=poll.pk)
    return render(request, "governance/date_poll_form.html", {"committee": committee, "form": form})


def _poll(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    poll = get_object_or_404(
        committee.date_polls.select_related("room", "meeting", "created_by"), pk=pk
    )
    return committee, poll


def _context(request, committee, poll) -> dict:
    table = poll_table(poll)
    seat = seat_in_poll(poll, request.user)
    mine = {}
    if seat is not None:
        row = next((r for r in table["rows"] if r["membership"].pk == seat.pk), None)
        if row is not None:
            mine = dict(zip([s.pk for s in table["slots"]], row["answers"], strict=True))
    can_manage = request.user.has_perm("governance.manage_committee", committee)
    return {
        "committee": committee,
        "poll": poll,
        "table": table,
        "my_seat": seat,
        "my_answers": [(slot, mine.get(slot.pk, "")) for slot in table["slots"]],
        "choices": DatePollAnswer.Answer.choices,
        "can_manage": can_manage,
        "decide_form": DecideDatePollForm(poll=poll, initial={"slot": table["best"]})
        if can_manage
        else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def poll(request, slug, pk):
    """The poll page; a member's answers are posted here (with htmx only the poll's region
    comes back, without JavaScript the page is shown again after a redirect)."""
    committee, poll = _poll(request, slug, pk)
    if request.method == "POST":
        require(request, "governance.answer_date_poll", committee)
        slot_ids = list(poll.slots.values_list("pk", flat=True))
        answers = {
            slot_id: request.POST[f"slot-{slot_id}"]
            for slot_id in slot_ids
            if request.POST.get(f"slot-{slot_id}")
        }
        if not answers:
            messages.error(request, _("Please answer for at least one date."))
        else:
            try:
                services.answer_date_poll(poll=poll, person=request.user, answers=answers)
            except services.GovernanceError as error:
                refuse(request, error)
            else:
                messages.success(request, _("Thank you, your answers are saved."))
        if not request.htmx:
            return redirect("governance:date_poll", slug=slug, pk=pk)
        poll.refresh_from_db()
        return render(
            request, "governance/_date_poll_region.html", _context(request, committee, poll)
        )
    return render(request, "governance/date_poll_detail.html", _context(request, committee, poll))


@login_required
@require_POST
def poll_step(request, slug, pk, step):
    committee, poll = _poll(request, slug, pk)
    require(request, "governance.manage_committee", committee)
    try:
        if step == "decide":
            form = DecideDatePollForm(request.POST, poll=poll)
            if not form.is_valid():
                messages.error(request, _("Please choose one of the dates."))
                return redirect("governance:date_poll", slug=slug, pk=pk)
            meeting = services.decide_date_poll(
                poll=poll,
                slot=form.cleaned_data["slot"],
                actor=request.user,
                invite=form.cleaned_data["invite"],
                late_reason=form.cleaned_data["late_reason"],
            )
            messages.success(request, _("The date is fixed and the meeting is planned."))
            return redirect("governance:meeting", slug=slug, pk=meeting.pk)
        if step == "remind":
            count = services.remind_date_poll(poll=poll, actor=request.user)
            messages.success(request, _("%(count)s members were reminded.") % {"count": count})
        elif step == "cancel":
            services.cancel_date_poll(poll=poll, actor=request.user)
            messages.success(request, _("The date poll is closed."))
        else:
            raise Http404
    except services.GovernanceError as error:
        refuse(request, error)
    return redirect("governance:date_poll", slug=slug, pk=pk)
