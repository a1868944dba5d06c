"""The board of needs and offers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from tenants.network.models import Actor, BoardPost
from tenants.network.models.board import MAX_RUNTIME
from tenants.network.services.errors import NetworkError

if TYPE_CHECKING:
    from house.models import User


def post_to_board(
    *,
    actor: Actor,
    kind: str,
    category: str,
    title: str,
    description: str,
    expires_on: dt.date,
    link_url: str = "",
    posted_by: User,
) -> BoardPost:
    """An actor posts a need or an offer; it shows until ``expires_on`` (at most six months)."""
    today = timezone.localdate()
    if not actor.organisation.memberships.filter(user=posted_by).exists():
        raise NetworkError(_("You can only post for your own organisation."), field="actor")
    if kind not in BoardPost.Kind.values:
        raise NetworkError(_("Please choose need or offer."), field="kind")
    if category not in BoardPost.Category.values:
        raise NetworkError(_("Please choose a category."), field="category")
    if expires_on < today:
        raise NetworkError(_("The date must not be in the past."), field="expires_on")
    if expires_on > today + MAX_RUNTIME:
        raise NetworkError(_("A post can be shown for six months at most."), field="expires_on")
    with transaction.atomic():
        post = BoardPost.objects.create(
            actor=actor,
            kind=kind,
            category=category,
            title=title.strip(),
            description=description.strip(),
            expires_on=expires_on,
            link_url=link_url,
            created_by=posted_by,
        )
        log_activity(obj=post, action_type="network.board.posted", actor=posted_by)
    return post


def withdraw_post(*, post: BoardPost, withdrawn_by: User | None) -> BoardPost:
    """Take a post off the board (found, filled, no longer needed). Idempotent."""
    with transaction.atomic():
        if BoardPost.objects.filter(pk=post.pk, closed_at__isnull=True).update(
            closed_at=timezone.now()
        ):
            log_activity(obj=post, action_type="network.board.withdrawn", actor=withdrawn_by)
        post.refresh_from_db(fields=["closed_at"])
    return post
