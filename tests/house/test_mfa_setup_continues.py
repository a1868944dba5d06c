"""After setting up the second factor, staff continue to the page they were going to."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator

from house.models import Role
from tests.factories import PASSWORD, staff_user

pytestmark = pytest.mark.django_db


def _totp_code(secret: str) -> str:
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def _sign_in_without_factor(client):
    user = staff_user(Role.RECEPTION, with_mfa=False, email="empfang-neu@example.org")
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return user


def _activate(client, path: str):
    response = client.get(path)
    assert response.status_code == 302
    setup = response["Location"]
    assert setup.startswith("/accounts/2fa/totp/activate/")
    page = client.get(setup)
    assert page.status_code == 200
    secret = page.context["form"].secret
    return client.post("/accounts/2fa/totp/activate/", {"code": _totp_code(secret)}, follow=True)


def test_after_the_setup_the_recovery_codes_offer_the_way_on(client, house):
    user = _sign_in_without_factor(client)
    final = _activate(client, "/reception/requests/?x=1")

    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    html = final.content.decode()
    assert 'href="/reception/requests/?x=1"' in html
    assert "Weiter" in html
    # The way on works: the reception's page opens now that the factor is set up.
    assert client.get("/reception/requests/?x=1").status_code == 200


def test_the_way_on_never_leaves_the_site(client, house):
    _sign_in_without_factor(client)
    client.get("/accounts/2fa/totp/activate/?next=https://evil.example/")
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    final = client.post("/accounts/2fa/totp/activate/", {"code": _totp_code(secret)}, follow=True)
    assert "evil.example" not in final.content.decode()
