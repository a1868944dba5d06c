"""Public pages: the network by district, topic and target group; actors, topics, the board."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from tenants.network import map as district_map
from tenants.network import queries
from tenants.network.forms import CommentForm, NetworkFilterForm
from tenants.network.models import Actor, BoardPost, District, Topic

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Who is active where and on what: the map, and the actors by district."""
    form = NetworkFilterForm(request.GET or None)
    actors = (
        Actor.objects.listed().for_listing().order_by("district__position", "organisation__name")
    )
    selected = ""
    if form.is_valid():
        data = form.cleaned_data
        if data["district"]:
            actors = actors.filter(district=data["district"])
            selected = data["district"].slug
        if data["topic"]:
            actors = actors.filter(topics=data["topic"])
        if data["target_group"]:
            actors = actors.filter(target_groups=data["target_group"])
    actors_list = list(actors.distinct())
    districts = list(District.objects.all())
    return render(
        request,
        "network/network_index.html",
        {
            "form": form,
            "actors": actors_list,
            "map": district_map.draw(districts, actors_list, selected=selected),
            "filtered": form.is_valid() and any(form.cleaned_data.values()),
        },
    )


@require_GET
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(
        Actor.objects.visible_to(request.user).for_listing(), organisation__slug=slug
    )
    organisation = actor.organisation
    return render(
        request,
        "network/actor_detail.html",
        {
            "actor": actor,
            "contacts": list(organisation.contacts.public().order_by("position")),
            "services": list(organisation.services.public().order_by("name")),
            "posts": list(actor.board_posts.current().order_by("expires_on")),
            "partners": [
                c for c in queries.cooperations() if actor.pk in (c.first.pk, c.second.pk)
            ],
            "can_edit": request.user.has_perm("network.change_actor", actor),
        },
    )


@require_GET
def topic_list(request: HttpRequest) -> HttpResponse:
    grouped = queries.topics_by_status()
    sections = [(status, label, grouped[status]) for status, label in Topic.Status.choices]
    return render(
        request,
        "network/topic_list.html",
        {"sections": sections, "can_propose": request.user.has_perm("network.take_part")},
    )


@require_GET
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.visible_to(request.user), slug=slug)
    can_comment = request.user.has_perm("network.take_part")
    form = None
    if can_comment:
        form = CommentForm(actors=Actor.objects.of_member(request.user))
    return render(
        request,
        "network/topic_detail.html",
        {
            "topic": topic,
            **queries.topic_page(topic),
            "comments": list(
                topic.comments.select_related("actor__organisation", "author").order_by(
                    "created_at"
                )
            ),
            "comment_form": form,
            "can_manage": request.user.has_perm("network.manage_network"),
        },
    )


@require_GET
def cooperation(request: HttpRequest) -> HttpResponse:
    """Which actors work together: shared working groups and events."""
    return render(request, "network/cooperation.html", {"cooperations": queries.cooperations()})


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    posts = BoardPost.objects.current().for_listing()
    kind = request.GET.get("kind", "")
    if kind in BoardPost.Kind.values:
        posts = posts.filter(kind=kind)
    category = request.GET.get("category", "")
    if category in BoardPost.Category.values:
        posts = posts.filter(category=category)
    return render(
        request,
        "network/board.html",
        {
            "posts": list(posts),
            "kind": kind,
            "category": category,
            "kinds": BoardPost.Kind.choices,
            "categories": BoardPost.Category.choices,
            "can_post": request.user.has_perm("network.take_part"),
        },
    )
