"""The house's personal fields of a person: name, a second e-mail address, an e-mail to them."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from house.services import queue_email, record_signup


def plant(*, user, marker: str) -> None:
    record_signup(user=user, name=marker, language="de")
    EmailAddress.objects.create(user=user, email=f"{marker}.privat@example.net", verified=True)
    queue_email(
        to=[user.email],
        subject=f"Willkommen, {marker}",
        text=f"Guten Tag {marker}, willkommen im Hausportal.",
    )
