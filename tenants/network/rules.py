"""Who may do what in the neighbourhood network.

The coordination runs the network (actors, rounds, newsletter, working groups);
an actor's admins keep its entry; every person of an actor organisation may vote
with the organisation's budget, propose and comment on topics and post to the board.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import rules

from house.rules import is_network_coordinator

if TYPE_CHECKING:
    from house.models import User


@rules.predicate
def is_admin_of_actor(user: object, actor: object) -> bool:
    from tenants.rules import can_change_organisation

    if actor is None or not getattr(user, "is_authenticated", False):
        return False
    return can_change_organisation(user, actor.organisation)  # type: ignore[attr-defined]


@rules.predicate
def is_member_of_actor(user: object, actor: object) -> bool:
    from tenants.models import Membership

    if actor is None or not getattr(user, "is_authenticated", False):
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_network_member_of", {})
    organisation_id = actor.organisation_id  # type: ignore[attr-defined]
    if organisation_id not in cache:
        cache[organisation_id] = Membership.objects.filter(
            # Authenticated (checked above), so a User.
            user=cast("User", user),
            organisation_id=organisation_id,
        ).exists()
    return cache[organisation_id]


@rules.predicate
def belongs_to_an_actor(user: object) -> bool:
    from tenants.network.models import Actor

    if not getattr(user, "is_authenticated", False):
        return False
    if "_network_has_actor" not in user.__dict__:
        user.__dict__["_network_has_actor"] = Actor.objects.of_member(
            cast("User", user)  # authenticated, checked above
        ).exists()
    return bool(user.__dict__["_network_has_actor"])


@rules.predicate
def is_member_of_posting_actor(user: object, post: object) -> bool:
    return post is not None and is_member_of_actor(user, post.actor)  # type: ignore[attr-defined]


rules.add_perm("network.manage_network", is_network_coordinator)
rules.add_perm("network.add_actor", is_network_coordinator)
rules.add_perm("network.change_actor", is_network_coordinator | is_admin_of_actor)
rules.add_perm("network.vote_for_actor", is_member_of_actor)
rules.add_perm("network.post_for_actor", is_member_of_actor)
rules.add_perm("network.take_part", is_network_coordinator | belongs_to_an_actor)
rules.add_perm("network.change_boardpost", is_network_coordinator | is_member_of_posting_actor)
