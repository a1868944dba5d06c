"""List pages read a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from house.governance import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fill(committee, count):
    for index in range(count):
        services.add_membership(committee=committee, person=UserFactory(), public_consent=True)
        services.record_resolution(
            committee=committee,
            title=f"Beschluss {index}",
            text="Text",
            outcome="adopted",
            decided_on=timezone.localdate(),
            actor=None,
            published=True,
        )


@pytest.mark.parametrize("count", [1, 3])
def test_the_public_curatorium_page_reads_a_fixed_number_of_queries(
    client, curatorium, count, django_assert_num_queries
):
    _fill(curatorium, count)
    client.get(reverse("governance:public"))  # warm the cached house profile and navigation

    with django_assert_num_queries(4):
        response = client.get(reverse("governance:public"))

    assert response.content.decode().count("Beschluss ") >= count


@pytest.mark.parametrize("count", [1, 3])
def test_the_register_of_resolutions_reads_a_fixed_number_of_queries(
    client, curatorium, manager, count, django_assert_num_queries
):
    _fill(curatorium, count)
    member = curatorium.memberships.first().person
    client.force_login(member)
    url = reverse("governance:resolutions", args=[curatorium.slug])
    client.get(url)

    # the signed-in member's house roles are read in a query of their own
    with django_assert_num_queries(7):
        response = client.get(url)

    assert response.status_code == 200
