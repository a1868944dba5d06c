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


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_papers_version_history_reads_a_fixed_number_of_queries(client, curatorium, manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def count(versions):
        paper = services.add_paper(
            committee=curatorium,
            title=f"Vorlage {versions}",
            actor=manager,
            upload=SimpleUploadedFile("v1.txt", b"1"),
        )
        for number in range(2, versions + 1):
            services.add_paper_version(
                paper=paper,
                actor=UserFactory(),
                upload=SimpleUploadedFile(f"v{number}.txt", b"x"),
            )
        client.force_login(manager)
        return _count_queries(client, reverse("governance:paper", args=[curatorium.slug, paper.pk]))

    assert count(1) == count(6)


def test_the_meeting_page_with_delegations_reads_a_fixed_number_of_queries(client, manager):
    from tests.governance.factories import committee, meeting, members

    def count(size):
        body = committee(name=f"Gremium {size}")
        seats = members(body, size * 2)
        planned = meeting(body, manager, agenda=[{"title": "Punkt"}])
        for giver, holder in zip(seats[:size], seats[size:], strict=True):
            services.delegate_vote(person=giver.person, delegate=holder.person, meeting=planned)
        client.force_login(manager)
        return _count_queries(client, reverse("governance:meeting", args=[body.slug, planned.pk]))

    assert count(1) == count(4)
