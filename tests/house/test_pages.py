import datetime as dt

import pytest
from django.test import Client

from house.caching import HOME_PAGE, raise_versions_now
from house.models import ClosureDay, HouseProfile, LegalPage
from house.services import add_closure_day, import_public_holidays
from tests.factories import ClosureDayFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_house_in_german(client, house):
    ClosureDayFactory(reason="Wartung der Heizung")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert "Treppe 4 – Haus der Sozialwirtschaft" in html
    assert "Wartung der Heizung" in html
    assert "Zum Hauptinhalt springen" in html  # skip link
    assert 'href="/imprint/"' in html
    assert 'href="/privacy/"' in html
    assert 'href="/accessibility/"' in html


def test_home_in_english_after_switching_language(client, house):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_home_works_before_the_house_is_set_up(client, db):
    assert not HouseProfile.objects.exists()
    response = client.get("/")
    assert response.status_code == 200
    assert "Hausportal" in response.content.decode()


def test_home_query_count_is_constant(
    client, house, django_assert_num_queries, django_capture_on_commit_callbacks
):
    # Closure days, the next events (none here, so no target groups), today's closure and hours.
    ClosureDayFactory()
    client.get("/")  # warm the house-profile cache
    raise_versions_now([HOME_PAGE])
    with django_assert_num_queries(4):
        client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        ClosureDayFactory.create_batch(2)  # the kept body is stale at once
    with django_assert_num_queries(4):
        client.get("/")
    with django_assert_num_queries(0):
        client.get("/")


def test_legal_page_shows_text_maintained_by_house_management(client, house):
    LegalPage.objects.filter(slug="impressum").update(
        body="Verantwortlich: Frau Adler\n\nZweiter Absatz"
    )
    response = client.get("/imprint/")
    html = response.content.decode()
    assert "<h1>Impressum</h1>" in html
    assert "<p>Verantwortlich: Frau Adler</p>" in html
    assert "<p>Zweiter Absatz</p>" in html


def test_legal_page_falls_back_to_german_without_english_text(client, house):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/privacy/").content.decode()
    assert "Privacy notice" in html  # English title kept by the demo
    assert "personenbezogene Daten" in html  # German body, no English text yet


@pytest.mark.parametrize(
    ("former", "current"),
    [
        ("/impressum/", "/imprint/"),
        ("/datenschutz/", "/privacy/"),
        ("/barrierefreiheit/", "/accessibility/"),
    ],
)
def test_former_german_addresses_of_legal_pages_redirect_for_good(client, house, former, current):
    response = client.get(former)

    assert response.status_code == 301
    assert response["Location"] == current
    assert client.get(current).status_code == 200


def test_a_legal_page_links_to_its_english_address(house):
    page = LegalPage.objects.get(slug=LegalPage.Slug.ACCESSIBILITY)

    assert page.get_absolute_url() == "/accessibility/"


def test_unknown_page_is_a_friendly_german_404(client, house, settings):
    settings.DEBUG = False
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Diese Seite gibt es nicht" in html
    assert "Zur Startseite" in html


def test_csrf_failure_is_a_friendly_german_page(house):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "x@example.org", "password": "y"})
    assert response.status_code == 403
    assert "Ihr Formular konnte nicht gesendet werden" in response.content.decode()


def test_server_error_page_renders_without_database(rf, house):
    from house.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Etwas ist bei uns schiefgelaufen" in response.content.decode()


def test_bad_request_and_forbidden_pages_are_translated(rf, house):
    from django.contrib.auth.models import AnonymousUser

    from house.views import bad_request, permission_denied

    request = rf.get("/")
    request.user = AnonymousUser()
    assert "Wir konnten diese Anfrage nicht verstehen" in bad_request(request).content.decode()
    assert "Sie dürfen diese Seite nicht öffnen" in permission_denied(request).content.decode()


def test_public_holidays_of_hesse_become_closure_days(db):
    created = import_public_holidays(years=[2026], federal_state="HE")
    days = {day.date: day for day in ClosureDay.objects.all()}
    assert created == len(days) == 10
    assert days[dt.date(2026, 6, 4)].reason == "Fronleichnam"  # a Hessian, not a national holiday
    assert days[dt.date(2026, 10, 3)].kind == ClosureDay.Kind.PUBLIC_HOLIDAY
    assert import_public_holidays(years=[2026], federal_state="HE") == 0


def test_holiday_import_keeps_maintenance_entered_by_staff(db):
    ClosureDay.objects.create(
        date=dt.date(2026, 12, 25), reason="Heizungswartung", kind=ClosureDay.Kind.MAINTENANCE
    )
    import_public_holidays(years=[2026], federal_state="HE")
    assert ClosureDay.objects.get(date=dt.date(2026, 12, 25)).reason == "Heizungswartung"


def test_closing_a_closed_day_twice_is_refused(db):
    add_closure_day(date=dt.date(2026, 8, 3), reason="Wartung", kind="maintenance", created_by=None)
    with pytest.raises(ValueError, match="already closed"):
        add_closure_day(date=dt.date(2026, 8, 3), reason="Nochmal", kind="other", created_by=None)
    assert ClosureDay.objects.filter(date=dt.date(2026, 8, 3)).count() == 1


def test_the_kept_page_frame_follows_roles_language_and_the_house(client, house):
    """Navigation and footer are rendered once per process and kept; whatever they
    show is part of their key, so nobody sees another visitor's frame."""
    from house.models import Role
    from tests.factories import UserFactory, staff_user

    anonymous = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in anonymous
    assert 'href="/reception/"' not in anonymous

    client.force_login(staff_user(Role.RECEPTION))
    reception = client.get("/").content.decode()
    assert 'href="/reception/"' in reception
    assert 'href="/accounts/login/"' not in reception
    assert 'action="/accounts/logout/"' in reception  # the form is not kept: its token is fresh

    client.force_login(UserFactory())
    member = client.get("/").content.decode()
    assert 'href="/reception/"' not in member
    assert 'href="/my-area/"' in member

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "My area" in client.get("/").content.decode()

    HouseProfile.objects.filter(pk=house.pk).update(name="Stadthaus Laatzen", phone="0511 000")
    from django.core.cache import cache

    cache.clear()  # the profile itself is cached; house management's save clears it
    renamed = client.get("/").content.decode()
    assert renamed.count("Stadthaus Laatzen") >= 2  # brand and footer
    assert "0511 000" in renamed
