"""The home page is kept, but nothing of one visitor is ever shown to another."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_visitor_and_an_anonymous_one_each_get_their_own_page(
    house, django_assert_num_queries
):
    person = UserFactory(name="Greta Beispiel")
    signed_in, anonymous = Client(), Client()
    signed_in.force_login(person)

    mine = signed_in.get("/", HTTP_ACCEPT_LANGUAGE="de").text
    theirs = anonymous.get("/", HTTP_ACCEPT_LANGUAGE="de").text
    with django_assert_num_queries(0):
        theirs_again = anonymous.get("/", HTTP_ACCEPT_LANGUAGE="de").text

    for page in (theirs, theirs_again):
        assert "Greta Beispiel" not in page
        assert 'action="/accounts/logout/"' not in page  # the signed-in's sign-out form
        assert "Ihr Konto" in page  # the card inviting to sign in
    assert 'action="/accounts/logout/"' in mine
    assert "Ihr Konto" not in mine
    # The anonymous body, kept by now, is not given to the signed-in visitor either.
    assert "Ihr Konto" not in signed_in.get("/", HTTP_ACCEPT_LANGUAGE="de").text


def test_a_message_for_one_visitor_stays_with_that_visitor(house, client):
    other = Client()
    other.get("/", HTTP_ACCEPT_LANGUAGE="de")  # the body is kept from here on
    client.force_login(UserFactory())

    signed_out = client.post("/accounts/logout/", HTTP_ACCEPT_LANGUAGE="de", follow=True)

    assert signed_out.request["PATH_INFO"] == "/"
    assert "Sie haben sich abgemeldet." in signed_out.text
    assert "Sie haben sich abgemeldet." not in other.get("/", HTTP_ACCEPT_LANGUAGE="de").text
    assert "Sie haben sich abgemeldet." not in client.get("/", HTTP_ACCEPT_LANGUAGE="de").text


def test_each_visitor_gets_a_form_token_of_their_own(house):
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    for visitor in visitors:
        page = visitor.get("/", HTTP_ACCEPT_LANGUAGE="de").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        # The language switch of the kept page accepts this visitor's own token.
        answer = visitor.post(
            "/i18n/setlang/",
            {"language": "en", "next": "/", "csrfmiddlewaretoken": token.group(1)},
        )
        assert answer.status_code == 302
