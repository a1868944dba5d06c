"""The demo Social Lab: every state shown, the demo logins at work, and no e-mail sent."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from house.models import OutboxEmail
from sociallab import demo
from sociallab.models import Application, MentorSlot, ReviewerTeam, Venture

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_shows_every_state_sends_nothing_and_loads_twice(client):
    from house.demo import seed as seed_house

    users = seed_house()
    demo.seed(users=users)
    demo.seed(users=users)
    assert Application.objects.count() == 12
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values
    )
    assert ReviewerTeam.objects.count() == 2
    assert len(set(Venture.objects.values_list("phase", flat=True))) == 3
    assert not OutboxEmail.objects.filter(ref__startswith="sociallab.").exists()
    assert mail.outbox == []

    client.force_login(users["founder"])
    venture = Venture.objects.get(founders=users["founder"])
    page = client.get(venture.get_absolute_url()).content.decode()
    assert "Hygieneschulung" in page
    assert MentorSlot.objects.free().for_venture(venture).exists()
    client.force_login(users["mentor"])
    mentored = client.get(reverse("sociallab:venture_list")).content.decode()
    assert "Mittagstisch Nordstadt" in mentored
    assert "Lernpatenschaften" not in mentored
