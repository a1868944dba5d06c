"""The coordination's pages: stale entries, new actors, topics, newsletters."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tenants.network import queries
from tenants.network.forms import (
    ExistingActorForm,
    NewsletterDraftForm,
    NewsletterEditForm,
    OutsideActorForm,
    TopicEditForm,
)
from tenants.network.models import (
    Actor,
    Newsletter,
    PriorityRound,
    Subscriber,
    Topic,
    WorkingGroup,
)
from tenants.network.services import NetworkError
from tenants.network.services import actors as actor_services
from tenants.network.services import newsletter as newsletter_services
from tenants.network.services import topics as topic_services

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User


def _require_coordination(request: HttpRequest) -> None:
    if not request.user.has_perm("network.manage_network"):
        raise PermissionDenied


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    _require_coordination(request)
    return render(
        request,
        "network/coordination.html",
        {
            "stale": queries.stale_actors(),
            "actor_count": Actor.objects.count(),
            "proposed": list(Topic.objects.filter(status=Topic.Status.PROPOSED).order_by("name")),
            "rounds": list(PriorityRound.objects.order_by("-opens_at")[:10]),
            "newsletters": list(Newsletter.objects.order_by("-created_at")[:10]),
            "subscribers": Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count(),
            "groups": _groups(),
            "now": timezone.now(),
        },
    )


def _groups() -> list[WorkingGroup]:
    return list(WorkingGroup.objects.active().for_listing())


@login_required
@require_http_methods(["GET", "POST"])
def actor_add(request: HttpRequest) -> HttpResponse:
    """Enter an actor: an organisation of the directory, or one outside the house."""
    _require_coordination(request)
    if not request.user.has_perm("network.add_actor"):
        raise PermissionDenied
    which = request.POST.get("which", "")
    existing = ExistingActorForm(request.POST if which == "existing" else None, prefix="existing")
    outside = OutsideActorForm(request.POST if which == "outside" else None, prefix="outside")
    form = existing if which == "existing" else outside
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if which == "existing":
                actor = actor_services.add_organisation_as_actor(
                    organisation=data["organisation"],
                    district=data["district"],
                    added_by=cast("User", request.user),
                )
            else:
                actor = actor_services.add_outside_actor(
                    added_by=cast("User", request.user), **data
                )
        except NetworkError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request, _("%(name)s is now part of the network.") % {"name": actor.name}
            )
            return redirect(actor.get_absolute_url())
    return render(request, "network/actor_add.html", {"existing": existing, "outside": outside})


@login_required
@require_POST
def actor_listing(request: HttpRequest, slug: str) -> HttpResponse:
    _require_coordination(request)
    actor = get_object_or_404(Actor.objects.all(), organisation__slug=slug)
    listed = request.POST.get("listed") == "1"
    actor_services.set_actor_listed(
        actor=actor, listed=listed, changed_by=cast("User", request.user)
    )
    messages.success(
        request,
        _("The entry is shown on the network pages.") if listed else _("The entry is hidden."),
    )
    return redirect("network:coordination")


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.visible_to(request.user), slug=slug)
    _require_coordination(request)
    form = TopicEditForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic_services.change_topic(topic=topic, changed_by=cast("User", request.user), **data)
        except NetworkError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The topic has been saved."))
            return redirect(topic.get_absolute_url())
    return render(request, "network/topic_form.html", {"topic": topic, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def newsletter_new(request: HttpRequest) -> HttpResponse:
    _require_coordination(request)
    last = Newsletter.objects.order_by("-period_end").first()
    today = timezone.localdate()
    initial = {
        "period_start": last.period_end if last else today.replace(day=1),
        "period_end": today,
    }
    form = NewsletterDraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            newsletter = newsletter_services.draft_newsletter(
                drafted_by=cast("User", request.user), **form.cleaned_data
            )
        except NetworkError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The draft has been assembled. Please read and edit it."))
            return redirect("network:newsletter", pk=newsletter.pk)
    return render(request, "network/newsletter_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def newsletter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    newsletter = get_object_or_404(Newsletter, pk=pk)
    form = NewsletterEditForm(
        request.POST or None, initial={"subject": newsletter.subject, "body": newsletter.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            newsletter_services.update_newsletter(newsletter=newsletter, **form.cleaned_data)
        except NetworkError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The newsletter has been saved."))
            return redirect("network:newsletter", pk=newsletter.pk)
    return render(
        request,
        "network/newsletter_edit.html",
        {
            "newsletter": newsletter,
            "form": form,
            "subscribers": Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count(),
            "delivered": newsletter.deliveries.filter(queued_at__isnull=False).count(),
            "batch_size": newsletter_services.BATCH_SIZE,
            "batch_seconds": newsletter_services.BATCH_SECONDS,
        },
    )


@login_required
@require_POST
def newsletter_send(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    newsletter = get_object_or_404(Newsletter, pk=pk)
    try:
        count = newsletter_services.send_newsletter(
            newsletter=newsletter, sent_by=cast("User", request.user)
        )
    except NetworkError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Sending has started: %(count)s subscribers, in batches.") % {"count": count},
        )
    return redirect("network:newsletter", pk=newsletter.pk)
