"""Minutes in the members' area: draft, corrections, approval, publication, corrigenda."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from house.governance import services
from house.governance.forms import CorrectionForm, CorrigendumForm, EntryForm
from house.governance.models import Meeting, Minutes

from .access import committee_for, refuse, require


def _minutes(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    minutes = get_object_or_404(
        Minutes.objects.filter(meeting__committee=committee).select_related(
            "meeting", "approved_in"
        ),
        pk=pk,
    )
    return committee, minutes


@login_required
@require_POST
def minutes_draft(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    meeting = get_object_or_404(committee.meetings.active(), pk=pk)
    try:
        minutes = services.draft_minutes(meeting=meeting, actor=request.user)
    except services.GovernanceError as error:
        refuse(request, error)
        return redirect("governance:meeting", slug=slug, pk=pk)
    return redirect("governance:minutes", slug=slug, pk=minutes.pk)


@login_required
@require_GET
def minutes(request, slug, pk):
    committee, minutes = _minutes(request, slug, pk)
    can_manage = request.user.has_perm("governance.manage_committee", committee)
    approval_meetings = committee.meetings.active().filter(
        start__gt=minutes.meeting.start, state__in=(Meeting.State.RUNNING, Meeting.State.HELD)
    )
    return render(
        request,
        "governance/minutes_detail.html",
        {
            "committee": committee,
            "minutes": minutes,
            "meeting": minutes.meeting,
            "entries": minutes.entries.all(),
            "corrections": minutes.corrections.select_related("author"),
            "corrigenda": minutes.corrigenda.all(),
            "can_manage": can_manage,
            "is_attendee": request.user.pk
            in {p.pk for p in services.minutes.attendees(minutes.meeting)},
            "correction_form": CorrectionForm(),
            "corrigendum_form": CorrigendumForm(),
            "approval_meetings": approval_meetings,
        },
    )


def _correct(request, minutes):
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please describe the correction."))
        return
    services.propose_correction(
        minutes=minutes, author=request.user, text=form.cleaned_data["text"]
    )
    messages.success(request, _("Thank you; the minute-taker will look at your correction."))


def _entry(request, minutes):
    entry = get_object_or_404(minutes.entries, pk=request.POST.get("entry"))
    form = EntryForm(request.POST)
    if form.is_valid():
        services.update_minutes_entry(
            entry=entry, text=form.cleaned_data["text"], actor=request.user
        )


def _circulate(request, minutes):
    services.circulate_minutes(minutes=minutes, actor=request.user)
    messages.success(request, _("The draft went to the attendees for corrections."))


def _decide(request, minutes):
    correction = get_object_or_404(minutes.corrections, pk=request.POST.get("correction"))
    services.decide_correction(
        correction=correction, accept=request.POST.get("accept") == "1", actor=request.user
    )


def _approve(request, minutes):
    at = get_object_or_404(
        minutes.meeting.committee.meetings.active(), pk=request.POST.get("meeting")
    )
    services.approve_minutes(minutes=minutes, at_meeting=at, actor=request.user)
    messages.success(request, _("The minutes are approved."))


def _publish(request, minutes):
    services.publish_minutes(minutes=minutes, actor=request.user)
    messages.success(request, _("The public part of the minutes is published."))


def _corrigendum(request, minutes):
    form = CorrigendumForm(request.POST)
    if form.is_valid():
        services.add_corrigendum(
            minutes=minutes, text=form.cleaned_data["text"], actor=request.user
        )
        messages.success(request, _("The corrigendum was added."))


#: Steps anyone who attended may take, and steps for those who run the committee.
ATTENDEE_STEPS = {"correct": _correct}
MANAGER_STEPS = {
    "entry": _entry,
    "circulate": _circulate,
    "decide": _decide,
    "approve": _approve,
    "publish": _publish,
    "corrigendum": _corrigendum,
}


@login_required
@require_POST
def minutes_step(request, slug, pk, step):
    committee, minutes = _minutes(request, slug, pk)
    if step in MANAGER_STEPS:
        require(request, "governance.manage_committee", committee)
        handler = MANAGER_STEPS[step]
    elif step in ATTENDEE_STEPS:
        handler = ATTENDEE_STEPS[step]
    else:
        raise Http404
    try:
        handler(request, minutes)
    except services.GovernanceError as error:
        refuse(request, error)
    return redirect("governance:minutes", slug=slug, pk=pk)
