import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from house.demo import DEMO_PASSWORD, PERSONAS
from house.models import ClosureDay, HouseProfile, LegalPage, Role, User

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_house_and_is_idempotent(capsys):
    call_command("seed_demo")
    counts = (User.objects.count(), ClosureDay.objects.count(), LegalPage.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), ClosureDay.objects.count(), LegalPage.objects.count()) == counts

    house = HouseProfile.objects.get()
    assert house.street == "Treppenstraße 4"
    assert house.city == "Kassel"
    out = capsys.readouterr().out
    for persona in PERSONAS:
        assert persona.email in out
        user = User.objects.get(email=persona.email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert (
        User.objects.get(email="empfang@treppe4.example")
        .groups.filter(name=Role.RECEPTION)
        .exists()
    )
