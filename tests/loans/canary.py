"""The loans' personal fields of a person, planted through the services: the cargo bike
lent to their organisation, borrowed by them, with a note naming them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from house.models import Role
from rooms.loans.models import LendableItem
from rooms.loans.services import lend_item
from tests.factories import staff_user
from tests.tenants.factories import OrganisationFactory


def plant(*, user, marker: str) -> None:
    reception = staff_user(Role.RECEPTION)
    item = LendableItem.objects.create(name="Lastenrad")
    starts = timezone.now() + dt.timedelta(days=3)
    lend_item(
        actor=reception,
        item=item,
        starts=starts,
        ends=starts + dt.timedelta(hours=5),
        organisation=OrganisationFactory(),
        borrower=user,
        note=f"Abholung durch {marker}",
    )
