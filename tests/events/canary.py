"""The programme's personal fields of a person, planted through its services: a
registration (name, e-mail, answers) for an event to come, and one on the waiting list
with their second address; the confirmation e-mails go to them."""

from __future__ import annotations

import uuid

from events.services import register_for_event
from tests.events.factories import EventFactory, OrganisationFactory


def plant(*, user, marker: str) -> None:
    organisation = OrganisationFactory(slug=f"programm-{uuid.uuid4().hex[:8]}")
    event = EventFactory(capacity=2, questions="Essen?", organisation=organisation)
    register_for_event(
        event=event,
        name=marker,
        email=user.email,
        seats=2,
        consent=True,
        answers={"Essen?": f"vegetarisch, {marker}"},
    )
    register_for_event(
        event=event,
        name=marker,
        email=f"{marker}.privat@example.net",
        seats=1,
        consent=True,
        join_waiting_list=True,
    )
