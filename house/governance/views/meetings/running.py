"""The steps management takes to run a meeting: scheduling, the agenda, invitations, opening
and closing, attendance, votes, deleting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from house.governance import services
from house.governance.forms import (
    AgendaItemForm,
    AttendanceForm,
    DeleteForm,
    MeetingForm,
    OpenVoteForm,
)
from house.governance.models import (
    AgendaItem,
    Meeting,
    Vote,
)
from house.governance.services.meetings import seats
from house.governance.views.access import committee_for, refuse, require

from .members import _meeting


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, slug):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    form = MeetingForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(
                committee=committee, actor=request.user, **form.cleaned_data
            )
        except services.GovernanceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("The meeting is planned. Add the agenda, then send the invitations.")
            )
            return redirect("governance:meeting", slug=slug, pk=meeting.pk)
    return render(request, "governance/meeting_form.html", {"committee": committee, "form": form})


def _manage(request, slug, pk):
    committee, meeting = _meeting(request, slug, pk)
    require(request, "governance.manage_committee", committee)
    return committee, meeting


@login_required
@require_POST
def agenda_add(request, slug, pk):
    _committee, meeting = _manage(request, slug, pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_agenda_item(meeting=meeting, actor=request.user, **form.cleaned_data)
        except services.GovernanceError as error:
            refuse(request, error)
        else:
            messages.success(request, _("The item was added to the agenda."))
    else:
        messages.error(request, _("Please give the item a title."))
    return redirect("governance:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def invite(request, slug, pk):
    _committee, meeting = _manage(request, slug, pk)
    try:
        count = services.send_invitations(
            meeting=meeting,
            actor=request.user,
            late_reason=request.POST.get("late_reason", "")[:1000],
        )
    except services.GovernanceError as error:
        refuse(request, error)
    else:
        meeting.refresh_from_db()
        messages.success(request, _("%(count)s invitations are on their way.") % {"count": count})
        if meeting.invitation_late:
            messages.warning(
                request,
                _("The invitation went out later than the notice period; this is recorded."),
            )
    return redirect("governance:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def meeting_step(request, slug, pk, step):
    _committee, meeting = _manage(request, slug, pk)
    steps = {
        "open": services.open_meeting,
        "close": services.close_meeting,
        "cancel": services.cancel_meeting,
    }
    if step not in steps:
        raise Http404
    try:
        steps[step](meeting=meeting, actor=request.user)
    except services.GovernanceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect("governance:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def attendance(request, slug, pk):
    _committee, meeting = _manage(request, slug, pk)
    seats(meeting)
    form = AttendanceForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.record_attendance(meeting=meeting, actor=request.user, **form.cleaned_data)
        except services.GovernanceError as error:
            refuse(request, error)
    else:
        messages.error(request, _("Please choose a member and a status."))
    return redirect("governance:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def vote_open(request, slug, item_pk):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    item = get_object_or_404(
        AgendaItem.objects.filter(meeting__committee=committee, deleted=False), pk=item_pk
    )
    form = OpenVoteForm(request.POST)
    if form.is_valid():
        try:
            services.open_vote(item=item, actor=request.user, **form.cleaned_data)
        except services.GovernanceError as error:
            refuse(request, error)
    else:
        messages.error(request, _("Please state the motion and the kind of vote."))
    return redirect("governance:meeting", slug=slug, pk=item.meeting_id)


@login_required
@require_POST
def vote_close(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.manage_committee", committee)
    vote = get_object_or_404(Vote.objects.filter(agenda_item__meeting__committee=committee), pk=pk)
    try:
        services.close_vote(vote=vote, actor=request.user)
    except services.GovernanceError as error:
        refuse(request, error)
    return redirect("governance:meeting", slug=slug, pk=vote.agenda_item.meeting_id)


@login_required
@require_POST
def delete(request, slug, kind, pk):
    """House management deletes a meeting, an agenda item or a paper from the portal."""
    committee = committee_for(request, slug)
    require(request, "governance.delete_from_portal", committee)
    delete_form = DeleteForm(request.POST)
    reason = delete_form.cleaned_data["reason"] if delete_form.is_valid() else ""
    if kind == "meeting":
        target = get_object_or_404(committee.meetings.active(), pk=pk)
        back = reverse("governance:meeting", args=[slug, pk])
        done = reverse("governance:committee", args=[slug])
        message = _("The meeting was deleted from the portal.")
    elif kind == "item":
        target = get_object_or_404(
            AgendaItem.objects.filter(meeting__committee=committee, deleted=False), pk=pk
        )
        back = done = reverse("governance:meeting", args=[slug, target.meeting_id])
        message = _("The agenda item was deleted from the portal.")
    elif kind == "paper":
        target = get_object_or_404(committee.papers.filter(deleted=False), pk=pk)
        back = reverse("governance:paper", args=[slug, pk])
        done = (
            reverse("governance:meeting", args=[slug, target.meeting_id])
            if target.meeting_id
            else reverse("governance:committee", args=[slug])
        )
        message = _("The paper was deleted from the portal.")
    else:
        raise Http404
    try:
        if isinstance(target, Meeting):
            services.delete_meeting(meeting=target, actor=request.user, reason=reason)
        elif isinstance(target, AgendaItem):
            services.delete_agenda_item(item=target, actor=request.user, reason=reason)
        else:
            services.delete_paper(paper=target, actor=request.user, reason=reason)
    except services.GovernanceError as error:
        refuse(request, error)
        return redirect(back)
    messages.success(request, message)
    return redirect(done)
