import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from house.demo import DEMO_PASSWORD, PERSONAS
from house.models import ClosureDay, HouseProfile, LegalPage, OutboxEmail, Role, User

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


@pytest.mark.django_db(transaction=True)  # e-mails go out when each demo write commits
def test_loading_the_demo_echoes_no_email_and_ends_with_the_logins(capsys, settings, tmp_path):
    settings.EMAIL_BACKEND = "house.mail.FolderAndConsoleEmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")

    call_command("seed_demo")

    out = capsys.readouterr().out
    assert "Content-Type:" not in out
    assert "Subject:" not in out
    assert out.rstrip().splitlines()[-1].startswith("Staff roles")
    # Whatever the demo sends is kept in the folder (the file backend may put several
    # e-mails of one connection into one file).
    folder = tmp_path / "mail"
    kept = "".join(f.read_text() for f in folder.iterdir()) if folder.exists() else ""
    sent = OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT)
    assert all(email.to[0] in kept for email in sent)


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_logs_nothing_below_an_error_unless_asked(caplog):
    import logging

    caplog.set_level(logging.INFO)

    call_command("seed_demo", "--quiet-logins")

    assert [r for r in caplog.records if r.levelno < logging.ERROR] == []
    # The portal's own log lines come back once the house is loaded.
    logging.getLogger("house").info("after the demo")
    assert caplog.records[-1].getMessage() == "after the demo"


def test_logins_only_prints_the_logins_and_loads_nothing(capsys):
    call_command("seed_demo", "--logins-only")
    out = capsys.readouterr().out
    assert all(persona.email in out for persona in PERSONAS)
    assert not User.objects.exists()
