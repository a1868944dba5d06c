"""Mentors of a venture, booking and running sessions, the mentor's home page."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from house.models import User
from sociallab.forms import (
    ActionItemForm,
    MentorForm,
    NotesForm,
    PrivateNotesForm,
    SlotForm,
)
from sociallab.models import (
    ActionItem,
    MentorAssignment,
    MentoringSession,
    MentorSlot,
)
from sociallab.services import SocialLabError, mentoring, ventures

from .phases import _post, _venture


@login_required
@require_POST
def venture_mentor(request: HttpRequest, pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.manage_venture")
    return _post(
        request,
        venture,
        MentorForm(request.POST),
        lambda d: ventures.assign_mentor(
            venture=venture,
            actor=cast(User, request.user),
            mentor=d["mentor"],
            hour_budget=d["hour_budget"],
        ),
        _("The mentor is assigned."),
    )


@login_required
@require_POST
def venture_book(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.book_session")
    slot = get_object_or_404(MentorSlot.objects.for_venture(venture), pk=slot_pk)
    try:
        session = mentoring.book_session(
            actor=cast(User, request.user),
            venture=venture,
            slot=slot,
            topic=request.POST.get("topic", ""),
        )
    except SocialLabError as exc:
        messages.error(request, exc.message)
        return redirect(venture)
    messages.success(request, _("Your mentoring session is booked."))
    return redirect("sociallab:session", session.pk)


# --- sessions ---------------------------------------------------------------------


def _session(request: HttpRequest, pk: int) -> MentoringSession:
    session = get_object_or_404(
        MentoringSession.objects.visible_to(request.user).select_related("venture", "mentor"), pk=pk
    )
    if not request.user.has_perm("sociallab.view_session", session):
        raise PermissionDenied
    return session


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    is_mentor = request.user.has_perm("sociallab.write_private_notes", session)
    can_write = request.user.has_perm("sociallab.write_shared_notes", session)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        mentoring.save_notes(
            session=session,
            actor=cast(User, request.user),
            shared_notes=request.POST.get("shared_notes", session.shared_notes),
            private_notes=request.POST.get("private_notes") if is_mentor else None,
            held=(request.POST.get("held") == "on") if is_mentor else None,
        )
        messages.success(request, _("The notes are saved."))
        return redirect("sociallab:session", session.pk)
    return render(
        request,
        "sociallab/session_detail.html",
        {
            "session": session,
            "is_mentor": is_mentor,
            "can_write": can_write,
            "notes_form": NotesForm(initial={"shared_notes": session.shared_notes}),
            "private_form": PrivateNotesForm(initial={"private_notes": session.private_notes})
            if is_mentor
            else None,
            "action_form": ActionItemForm(),
            "items": session.action_items.all(),
        },
    )


@login_required
@require_POST
def session_action(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if not request.user.has_perm("sociallab.write_shared_notes", session):
        raise PermissionDenied
    item_pk = request.POST.get("item")
    if item_pk:
        item = get_object_or_404(ActionItem, session=session, pk=item_pk)
        mentoring.complete_action_item(
            item=item, actor=cast(User, request.user), done=request.POST.get("done") == "on"
        )
        messages.success(request, _("The action item is updated."))
    else:
        form = ActionItemForm(request.POST)
        if form.is_valid():
            mentoring.add_action_item(
                session=session,
                actor=cast(User, request.user),
                text=form.cleaned_data["text"],
                due_on=form.cleaned_data["due_on"],
            )
            messages.success(request, _("The action item is added."))
        else:
            messages.error(request, _("Please say what is to be done."))
    return redirect("sociallab:session", session.pk)


# --- the mentor's desk --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def mentor_home(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("sociallab.publish_slots"):
        raise PermissionDenied
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mentoring.publish_slot(
                mentor=cast(User, request.user),
                start=data["start"],
                end=data["end"],
                room=data["room"],
                location=data["location"],
            )
        except SocialLabError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your free time is published for your ventures."))
            return redirect("sociallab:mentor_home")
    assignments = list(
        MentorAssignment.objects.filter(mentor=cast(User, request.user))
        .select_related("venture")
        .order_by("venture__name")
    )
    return render(
        request,
        "sociallab/mentor_home.html",
        {
            "form": form,
            "assignments": [(a, mentoring.hours_used(a)) for a in assignments],
            "slots": MentorSlot.objects.filter(
                mentor=cast(User, request.user), end__gte=_now()
            ).select_related("room", "session__venture"),
            "sessions": MentoringSession.objects.filter(
                mentor=cast(User, request.user)
            ).select_related("venture")[:20],
        },
    )


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()
