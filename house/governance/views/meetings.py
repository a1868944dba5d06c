"""Meetings: the page members read, and the steps management takes to run one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.governance import services
from house.governance.forms import (
    AgendaItemForm,
    ApologiesForm,
    AttendanceForm,
    MeetingForm,
    OpenVoteForm,
    PaperForm,
)
from house.governance.models import AgendaItem, Paper, PaperVersion, Vote
from house.governance.services.meetings import quorum, seats
from house.governance.services.votes import who_has_not_voted

from .access import committee_for, refuse, require


def _meeting(request, slug, pk):
    committee = committee_for(request, slug)
    require(request, "governance.view_committee", committee)
    meeting = get_object_or_404(
        committee.meetings.active().select_related("room", "committee"), pk=pk
    )
    return committee, meeting


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


@login_required
@require_GET
def meeting(request, slug, pk):
    committee, meeting = _meeting(request, slug, pk)
    can_manage = request.user.has_perm("governance.manage_committee", committee)
    items = list(
        meeting.agenda_items.filter(deleted=False).prefetch_related(
            Prefetch(
                "papers",
                queryset=Paper.objects.filter(deleted=False).prefetch_related(
                    Prefetch(
                        "versions",
                        queryset=PaperVersion.objects.order_by("-number"),
                        to_attr="prefetched_versions",
                    )
                ),
            ),
            Prefetch("votes", queryset=Vote.objects.order_by("opened_at")),
        )
    )
    all_seats = seats(meeting)
    my_seat = next((s for s in all_seats if s.membership.person_id == request.user.pk), None)
    context = {
        "committee": committee,
        "meeting": meeting,
        "items": items,
        "seats": all_seats,
        "my_seat": my_seat,
        "quorum": quorum(meeting),
        "can_manage": can_manage,
        "loose_papers": meeting.papers.filter(agenda_item__isnull=True, deleted=False),
        "minutes": getattr(meeting, "minutes", None) if hasattr(meeting, "minutes") else None,
        "open_votes": [v for item in items for v in item.votes.all() if v.state == Vote.State.OPEN],
    }
    if can_manage:
        context.update(
            {
                "agenda_form": AgendaItemForm(),
                "attendance_form": AttendanceForm(meeting=meeting),
                "paper_form": PaperForm(meeting=meeting),
                "vote_form": OpenVoteForm(),
                "vote_panels": [(v, who_has_not_voted(v)) for v in context["open_votes"]],
            }
        )
    context["apologies_form"] = ApologiesForm()
    return render(request, "governance/meeting_detail.html", context)


@login_required
@require_POST
def apologies(request, slug, pk):
    _committee, meeting = _meeting(request, slug, pk)
    form = ApologiesForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        seat = services.send_apologies(meeting=meeting, person=request.user, note=note)
    except services.GovernanceError as error:
        refuse(request, error)
    else:
        if seat.deputy_invited:
            messages.success(
                request, _("Your apologies are recorded; your deputy has been invited.")
            )
        else:
            messages.success(request, _("Your apologies are recorded."))
    return redirect("governance:meeting", slug=slug, pk=pk)


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
def paper_add(request, slug, pk):
    committee, meeting = _manage(request, slug, pk)
    form = PaperForm(request.POST, request.FILES, meeting=meeting)
    if form.is_valid():
        try:
            services.add_paper(
                committee=committee,
                meeting=meeting,
                actor=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                public=form.cleaned_data["public"],
                agenda_item=form.cleaned_data["agenda_item"],
            )
        except services.GovernanceError as error:
            refuse(request, error)
        else:
            messages.success(request, _("The paper was filed."))
    else:
        messages.error(request, _("Please give a title and choose a file."))
    return redirect("governance:meeting", slug=slug, pk=pk)


@require_GET
def paper_file(request, slug, pk, number):
    """A paper's file: public papers for everyone, the others for the committee only."""
    papers = Paper.objects.visible_to(request.user).filter(committee__slug=slug)
    paper = get_object_or_404(papers, pk=pk)
    version = get_object_or_404(paper.versions, number=number)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=version.file_name)
    response["Cache-Control"] = "private, no-store" if not paper.public else "public, max-age=300"
    return response


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
