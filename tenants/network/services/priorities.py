"""Priority rounds: dots within each organisation's budget, and the frozen result.

The budget is shared by an organisation's people, so two of them voting at the
same moment must not both take the last dot. Each placement takes the
advisory lock ``("network.budget", actor)`` first and counts under it
(house.locks); on SQLite writers are serialised anyway.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.locks import lock
from tenants.network import results
from tenants.network.models import Actor, Dot, PriorityRound, Topic
from tenants.network.services.errors import NetworkError, VotingError

if TYPE_CHECKING:
    from house.models import User

logger = logging.getLogger(__name__)


def create_round(
    *,
    title: str,
    description: str,
    topics: Iterable[Topic],
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    budget: int,
    cap_per_topic: int,
    min_spread: int,
    created_by: User | None,
) -> PriorityRound:
    """The coordination sets up a round. Its rules cannot change once it has opened."""
    topics = list(topics)
    if closes_at <= opens_at:
        raise NetworkError(_("The round must close after it opens."), field="closes_at")
    if budget < 1:
        raise NetworkError(_("Each organisation needs at least one dot."), field="budget")
    if not 1 <= cap_per_topic <= budget:
        raise NetworkError(
            _("The cap per topic must be between 1 and the number of dots."), field="cap_per_topic"
        )
    if len(topics) < 2:
        raise NetworkError(_("Please put at least two topics on the ballot."), field="topics")
    if min_spread > len(topics):
        raise NetworkError(
            _("The minimum number of topics cannot exceed the topics on the ballot."),
            field="min_spread",
        )
    if min_spread > budget:
        raise NetworkError(
            _("With this budget no organisation could reach the minimum number of topics."),
            field="min_spread",
        )
    with transaction.atomic():
        round_ = PriorityRound.objects.create(
            title=title.strip(),
            description=description.strip(),
            opens_at=opens_at,
            closes_at=closes_at,
            budget=budget,
            cap_per_topic=cap_per_topic,
            min_spread=min_spread,
            created_by=created_by,
        )
        round_.topics.set(topics)
        log_activity(obj=round_, action_type="network.round.created", actor=created_by)
    return round_


def _check_voter(actor: Actor, user: User) -> None:
    if not actor.organisation.memberships.filter(user=user).exists():
        raise VotingError(_("You can only vote for your own organisation."))


def place_dot(*, round: PriorityRound, topic: Topic, actor: Actor, user: User) -> Dot:  # noqa: A002
    """Put one of ``actor``'s dots on ``topic``.

    Raises :class:`VotingError` when the round is not open, the topic is not on
    the ballot, the organisation's budget is used up or the topic's cap reached.
    Holds under concurrent votes of the organisation's people (the budget lock).
    """
    _check_voter(actor, user)
    with transaction.atomic():
        lock("network.budget", actor.pk)
        current = PriorityRound.objects.get(pk=round.pk)
        if not current.is_open():
            raise VotingError(_("This round is not open for votes."))
        if not current.topics.filter(pk=topic.pk).exists():
            raise VotingError(_("This topic is not on the ballot of the round."))
        mine = Dot.objects.filter(round=current, actor=actor)
        if mine.count() >= current.budget:
            raise VotingError(
                _("Your organisation has placed all of its %(budget)s dots.")
                % {"budget": current.budget}
            )
        if mine.filter(topic=topic).count() >= current.cap_per_topic:
            raise VotingError(
                _("At most %(cap)s dots of one organisation may go to one topic.")
                % {"cap": current.cap_per_topic}
            )
        return Dot.objects.create(round=current, topic=topic, actor=actor, cast_by=user)


def take_back_dot(*, round: PriorityRound, topic: Topic, actor: Actor, user: User) -> None:  # noqa: A002
    """Take one of the organisation's dots off ``topic`` while the round is open.

    The person's own dot goes first; otherwise one a colleague placed (the
    budget belongs to the organisation).
    """
    _check_voter(actor, user)
    with transaction.atomic():
        lock("network.budget", actor.pk)
        current = PriorityRound.objects.get(pk=round.pk)
        if not current.is_open():
            raise VotingError(_("This round is not open for votes."))
        dots = Dot.objects.filter(round=current, actor=actor, topic=topic)
        dot = dots.filter(cast_by=user).order_by("-pk").first() or dots.order_by("-pk").first()
        if dot is None:
            raise VotingError(_("Your organisation has no dot on this topic."))
        dot.delete()


def _labels(round_: PriorityRound) -> results.PdfLabels:
    notes = [
        _("Dots per organisation: %(budget)s; at most %(cap)s per topic.")
        % {"budget": round_.budget, "cap": round_.cap_per_topic},
    ]
    if round_.min_spread:
        notes.append(
            _("Dots counted only from organisations that spread them over at least %(n)s topics.")
            % {"n": round_.min_spread}
        )
    result = round_.result or {}
    notes.append(
        _("%(voted)s organisations voted; %(counted)s counted, %(dots)s dots.")
        % {
            "voted": result.get("organisations_voted", 0),
            "counted": result.get("organisations_counted", 0),
            "dots": result.get("dots_counted", 0),
        }
    )
    return {
        "author": _("Neighbourhood network"),
        "subtitle": _("Result of the priority round, %(opens)s to %(closes)s")
        % {
            "opens": formats.date_format(timezone.localtime(round_.opens_at), "SHORT_DATE_FORMAT"),
            "closes": formats.date_format(
                timezone.localtime(round_.closes_at), "SHORT_DATE_FORMAT"
            ),
        },
        "rank": _("Rank"),
        "topic": _("Topic"),
        "dots": _("Dots"),
        "organisations": _("Organisations"),
        "notes": "\n".join(notes).split("\n"),
        "checksum": _("SHA-256 checksum of the frozen result:"),
    }


def freeze_round(*, round: PriorityRound, now: dt.datetime | None = None) -> PriorityRound:  # noqa: A002
    """Count a closed round once, freeze the result with its checksum, and keep its PDF.

    Claimed with a conditional UPDATE under a row lock: a second call (the beat
    task and the coordinator at once) finds the round frozen and changes nothing.
    Raises :class:`NetworkError` before the closing time.
    """
    now = now or timezone.now()
    with transaction.atomic():
        current = PriorityRound.objects.select_for_update().get(pk=round.pk)
        if current.frozen_at is not None:
            return current
        if now < current.closes_at:
            raise NetworkError(_("The round is still open; its result is frozen when it closes."))
        topics = {t.pk: (t.name, t.slug) for t in current.topics.all()}
        cast = [
            results.CastDot(actor_id=a, topic_id=t)
            for a, t in Dot.objects.filter(round=current).values_list("actor_id", "topic_id")
        ]
        counted = results.count(dots=cast, topics=topics, min_spread=current.min_spread)
        result = {
            "round": current.pk,
            "title": current.title,
            "opens_at": current.opens_at.isoformat(),
            "closes_at": current.closes_at.isoformat(),
            "budget": current.budget,
            "cap_per_topic": current.cap_per_topic,
            "min_spread": current.min_spread,
            **counted,
        }
        sha256 = results.checksum(results.canonical(result))
        current.result = result
        with translation.override("de"):
            pdf = results.render_pdf(result, sha256=sha256, labels=_labels(current))
        current.frozen_at = now
        current.result_sha256 = sha256
        current.result_pdf = pdf
        current.result_pdf_sha256 = results.checksum(pdf)
        current.save(
            update_fields=[
                "frozen_at",
                "result",
                "result_sha256",
                "result_pdf",
                "result_pdf_sha256",
            ]
        )
        log_activity(obj=current, action_type="network.round.frozen", data={"sha256": sha256})
    return current


def freeze_due_rounds(*, now: dt.datetime | None = None) -> int:
    """Freeze every round whose closing time has passed. Returns how many."""
    now = now or timezone.now()
    frozen = 0
    for round_ in PriorityRound.objects.due_to_close(now):
        freeze_round(round=round_, now=now)
        frozen += 1
    return frozen
