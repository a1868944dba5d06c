"""The actors' own pages: keep the entry, propose and comment on topics, post to the board."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tenants.network import queries
from tenants.network.forms import ActorForm, BoardPostForm, CommentForm, TopicProposalForm
from tenants.network.models import Actor, BoardPost, Topic
from tenants.network.services import NetworkError
from tenants.network.services import actors as actor_services
from tenants.network.services import board as board_services
from tenants.network.services import topics as topic_services

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User


def _actor_to_change(request: HttpRequest, slug: str) -> Actor:
    actor = get_object_or_404(
        Actor.objects.visible_to(request.user).select_related("organisation", "district"),
        organisation__slug=slug,
    )
    if not request.user.has_perm("network.change_actor", actor):
        raise PermissionDenied
    return actor


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """My organisations in the network: their entries, open rounds, the board."""
    return render(
        request,
        "network/mine.html",
        {
            "actors": queries.my_actors(cast("User", request.user)),
            "rounds": queries.open_rounds(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def actor_edit(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _actor_to_change(request, slug)
    form = ActorForm(request.POST or None, instance=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actor_services.save_actor(
                actor=actor,
                changed_by=cast("User", request.user),
                district=data["district"],
                summary=data["summary"],
                show_address=data["show_address"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                topics=data["topics"],
                target_groups=data["target_groups"],
                partner_events=data["partner_events"],
            )
        except NetworkError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The network entry has been saved and confirmed."))
            return redirect(actor.get_absolute_url())
    return render(request, "network/actor_form.html", {"actor": actor, "form": form})


@login_required
@require_POST
def actor_verify(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _actor_to_change(request, slug)
    actor_services.verify_actor(actor=actor, verified_by=cast("User", request.user))
    messages.success(request, _("Thank you: the entry is confirmed as current."))
    return redirect(actor.get_absolute_url())


def _require_part(request: HttpRequest) -> None:
    if not request.user.has_perm("network.take_part"):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def topic_propose(request: HttpRequest) -> HttpResponse:
    _require_part(request)
    actors = Actor.objects.of_member(cast("User", request.user))
    form = TopicProposalForm(request.POST or None, actors=actors)
    if not actors.exists():
        form.fields["actor"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            topic = topic_services.propose_topic(
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                actor=form.cleaned_data["actor"],
                proposer=cast("User", request.user),
            )
        except NetworkError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Thank you: the topic has been proposed."))
            return redirect(topic.get_absolute_url())
    return render(request, "network/topic_propose.html", {"form": form})


@login_required
@require_POST
def topic_comment(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.visible_to(request.user), slug=slug)
    _require_part(request)
    actors = Actor.objects.of_member(cast("User", request.user))
    form = CommentForm(request.POST, actors=actors)
    if not actors.exists():
        form.fields["actor"].required = False
    if form.is_valid():
        try:
            topic_services.comment_on_topic(
                topic=topic,
                text=form.cleaned_data["text"],
                actor=form.cleaned_data["actor"],
                author=cast("User", request.user),
            )
        except NetworkError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your comment has been added."))
    else:
        messages.error(request, _("Please write a comment."))
    return redirect(reverse("network:topic", kwargs={"slug": topic.slug}) + "#comments")


@login_required
@require_http_methods(["GET", "POST"])
def board_new(request: HttpRequest) -> HttpResponse:
    actors = Actor.objects.of_member(request.user)
    if not actors.exists():
        raise PermissionDenied
    form = BoardPostForm(request.POST or None, actors=actors)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not request.user.has_perm("network.post_for_actor", data["actor"]):
            raise PermissionDenied
        try:
            board_services.post_to_board(
                actor=data["actor"],
                kind=data["kind"],
                category=data["category"],
                title=data["title"],
                description=data["description"],
                expires_on=data["expires_on"],
                link_url=data["link_url"],
                posted_by=cast("User", request.user),
            )
        except NetworkError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your post is on the board."))
            return redirect("network:board")
    return render(request, "network/board_form.html", {"form": form})


@login_required
@require_POST
def board_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(BoardPost.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("network.change_boardpost", post):
        raise PermissionDenied
    board_services.withdraw_post(post=post, withdrawn_by=cast("User", request.user))
    messages.success(request, _("The post has been taken off the board."))
    return redirect("network:board")
