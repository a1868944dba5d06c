"""The people of the demo curatorium: its members, their organisations, and the demo clock."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from house.models import User

SLUG = "kuratorium"

#: (name, e-mail, organisation slug, role, deputy name or "", shown publicly)
MEMBERS = (
    (
        "Gisela Brandt",
        "g.brandt@paritaet-demo.example",
        "paritaetische-nordhessen",
        "deputy_chair",
        "Jörg Albers",
        True,
    ),
    (
        "Ahmet Yıldız",
        "a.yildiz@beratung-demo.example",
        "beratungszentrum",
        "member",
        "Selin Kaya",
        True,
    ),
    ("Renate Vogt", "r.vogt@jugendhilfe-demo.example", "jugendhilfe-kassel", "member", "", True),
    ("Bernd Kowalski", "b.kowalski@kiss-demo.example", "kiss-kassel", "member", "Ute Meier", True),
    (
        "Hannah Schäfer",
        "h.schaefer@freiwillig-demo.example",
        "freiwillig-in-kassel",
        "member",
        "",
        False,
    ),
    ("Klaus Dietrich", "k.dietrich@akgg-demo.example", "akgg", "member", "Mira Lenz", True),
    ("Sabine Otto", "s.otto@stadt-demo.example", "stadt-kassel-sozialamt", "advisory", "", True),
)


def _person(name: str, email: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, name=name)
    return user


def _organisation(slug: str):
    from tenants.models import Organisation

    return Organisation.objects.filter(slug=slug).first()


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    while day.weekday() != 2:  # the curatorium meets on Wednesdays
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
