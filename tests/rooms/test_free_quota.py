"""A tenant's free monthly quota is used once, also by requests sent at the same moment."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connections, transaction

from house import locks
from rooms.models import Booking
from rooms.services import request_booking
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.tenants.factories import OrganisationFactory

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _nets(tenant) -> list:
    return sorted(Booking.objects.filter(organisation=tenant).values_list("net", flat=True))


@pytest.mark.django_db
def test_a_second_request_pays_for_what_the_first_left_of_the_quota():
    tenant = OrganisationFactory(kind="tenant")
    start = next_weekday_at(9)

    request_booking(actor=None, draft=draft(RoomFactory(), start, hours=8, organisation=tenant))
    request_booking(actor=None, draft=draft(RoomFactory(), start, hours=8, organisation=tenant))

    # 10 free hours a month: 8 h free for the first, 2 h free + 6 h paid for the second.
    nets = _nets(tenant)
    assert nets[0] == 0
    assert nets[1] > 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_of_a_tenant_share_the_free_quota(default_fee_rules):
    tenant = OrganisationFactory(kind="tenant")
    rooms = [RoomFactory(), RoomFactory()]
    start = next_weekday_at(9)
    errors: list[BaseException] = []

    def client(room) -> None:
        try:
            request_booking(actor=None, draft=draft(room, start, hours=8, organisation=tenant))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    # Another writer of the organisation holds its lock while both requests arrive: a
    # request that read the quota before queueing on the lock would see it unused.
    threads = [threading.Thread(target=client, args=(room,)) for room in rooms]
    with transaction.atomic():
        locks.lock("rooms.organisation", tenant.pk)
        for thread in threads:
            thread.start()
        time.sleep(1)
    for thread in threads:
        thread.join()

    assert errors == []
    nets = _nets(tenant)
    assert nets[0] == 0
    assert nets[1] > 0
