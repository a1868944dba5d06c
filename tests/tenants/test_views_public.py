import datetime as dt
import json

import pytest
from django.core import mail
from django.utils import timezone

from tenants.models import ConsultationHours, Contact, OutdatedReport, Service
from tenants.views import REPORTS_PER_HOUR
from tests.factories import ClosureDayFactory
from tests.tenants.factories import (
    ConsultationHoursFactory,
    ContactFactory,
    OrganisationFactory,
    ServiceFactory,
    org_admin,
    org_member,
)

pytestmark = pytest.mark.django_db


def _service(vocab, *, name, groups=(), languages=(), **kwargs):
    service = ServiceFactory(name=name, **kwargs)
    service.target_groups.set([vocab[g] for g in groups])
    service.languages.set([vocab[lang] for lang in languages])
    from tenants.services import refresh_search_text

    refresh_search_text(service=service)
    return service


def test_directory_filters_by_language_and_target_group(client, vocab):
    _service(vocab, name="Türkische Beratung", groups=["refugees"], languages=["tr", "de"])
    _service(vocab, name="Arabische Beratung", groups=["refugees"], languages=["ar"])
    _service(vocab, name="Familienberatung", groups=["families"], languages=["tr"])
    response = client.get(
        "/directory/", {"language": "tr", "target_group": "gefluechtete-migranten"}
    )
    html = response.content.decode()
    assert "Türkische Beratung" in html
    assert "Arabische Beratung" not in html
    assert "Familienberatung" not in html


def test_directory_search_finds_words_in_any_order_and_spelling(client, vocab):
    _service(vocab, name="Schuldnerberatung", description="Hilfe bei Mahnungen und Pfändung")
    _service(vocab, name="Erziehungsberatung", description="Für Eltern")
    response = client.get("/directory/", {"q": "pfändung MAHNUNGEN"})
    html = response.content.decode()
    assert "Schuldnerberatung" in html
    assert "Erziehungsberatung" not in html
    assert "Schuldnerberatung" in client.get("/directory/", {"q": "pfaendung"}).content.decode()


def test_directory_search_by_language_name(client, vocab):
    _service(vocab, name="Beratung A", languages=["tr"])
    _service(vocab, name="Beratung B", languages=["ar"])
    html = client.get("/directory/", {"q": "türkisch"}).content.decode()
    assert "Beratung A" in html
    assert "Beratung B" not in html


def test_directory_hides_ended_services_and_private_organisations(client, vocab):
    _service(vocab, name="Laufende Beratung")
    _service(vocab, name="Beendete Beratung", status=Service.Status.ENDED)
    _service(vocab, name="Geheime Beratung", organisation=OrganisationFactory(is_public=False))
    html = client.get("/directory/").content.decode()
    assert "Laufende Beratung" in html
    assert "Beendete Beratung" not in html
    assert "Geheime Beratung" not in html


def test_directory_open_now_shows_only_running_hours(client, vocab):
    now = timezone.localtime()
    running = _service(vocab, name="Jetzt offen")
    closed = _service(vocab, name="Heute zu")
    ConsultationHoursFactory(
        service=running, weekday=now.weekday(), opens_at=dt.time(0), closes_at=dt.time(23, 59, 59)
    )
    ConsultationHoursFactory(service=closed, weekday=(now.weekday() + 1) % 7)
    html = client.get("/directory/", {"open_now": "on"}).content.decode()
    assert "Jetzt offen" in html
    assert "Heute zu" not in html


def test_open_at_respects_week_of_month():
    service = ServiceFactory()
    # 2025-03-07 is the first Friday of March, 2025-03-28 the last one.
    ConsultationHoursFactory(service=service, weekday=4, week_of_month=1)
    tz = timezone.get_current_timezone()
    first = dt.datetime(2025, 3, 7, 10, tzinfo=tz)
    second = dt.datetime(2025, 3, 14, 10, tzinfo=tz)
    assert list(Service.objects.open_at(first)) == [service]
    assert list(Service.objects.open_at(second)) == []
    ConsultationHours.objects.update(week_of_month=-1)
    assert list(Service.objects.open_at(dt.datetime(2025, 3, 28, 10, tzinfo=tz))) == [service]


def test_next_opening_crosses_daylight_saving_change():
    service = ServiceFactory()
    ConsultationHoursFactory(service=service, weekday=0, opens_at=dt.time(9), closes_at=dt.time(12))
    tz = timezone.get_current_timezone()
    # Saturday before the change to summer time (2025-03-30): next Monday 9:00 is CEST.
    start, end = service.next_opening(dt.datetime(2025, 3, 29, 12, tzinfo=tz))
    assert start.isoformat() == "2025-03-31T09:00:00+02:00"
    assert (end - start) == dt.timedelta(hours=3)


def test_directory_bad_filter_values_do_not_crash(client):
    response = client.get(
        "/directory/", {"language": "xx", "target_group": "<script>", "q": "a" * 500}
    )
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize("count", [1, 3])
def test_directory_query_count(client, house, vocab, count, django_assert_num_queries):
    now = timezone.localtime()
    for n in range(count):
        service = _service(vocab, name=f"Beratung {n}", groups=["refugees"], languages=["tr"])
        ConsultationHoursFactory(
            service=service,
            weekday=now.weekday(),
            opens_at=dt.time(0),
            closes_at=dt.time(23, 59, 59),
        )
    client.get("/")  # the house profile is cached from here on
    query = {
        "language": "tr",
        "target_group": "gefluechtete-migranten",
        "q": "beratung",
        "open_now": "on",
    }
    # the page's services are counted, then read (with their vocabulary and hours)
    with django_assert_num_queries(11):
        response = client.get("/directory/", query)
    assert response.content.decode().count('class="card h-100"') == count
    # the filter form's options are kept from the first page on (the vocabulary)
    with django_assert_num_queries(6):
        response = client.get("/directory/")
    assert response.content.decode().count('class="card h-100"') == count
    with django_assert_num_queries(0):  # the page without a search is kept
        response = client.get("/directory/")
    assert response.content.decode().count('class="card h-100"') == count


def test_service_detail_shows_facts_and_report_link(client, vocab):
    service = _service(vocab, name="Türkische Beratung", languages=["tr"], phone="0561 41")
    ConsultationHoursFactory(
        service=service, weekday=2, opens_at=dt.time(14), closes_at=dt.time(17)
    )
    html = client.get(service.get_absolute_url()).content.decode()
    assert "Türkische Beratung" in html
    assert "Türkisch" in html
    assert "14:00–17:00" in html
    assert "0561 41" in html
    assert f"/organisations/{service.organisation.slug}/services/{service.slug}/report/" in html


def test_service_of_private_organisation_is_404_for_visitors(client):
    service = ServiceFactory(organisation=OrganisationFactory(is_public=False))
    assert client.get(service.get_absolute_url()).status_code == 404


def test_ended_service_is_404_for_visitors_but_visible_to_members(client):
    service = ServiceFactory(status=Service.Status.ENDED)
    assert client.get(service.get_absolute_url()).status_code == 404
    client.force_login(org_member(service.organisation))
    assert client.get(service.get_absolute_url()).status_code == 200


def test_unknown_service_is_404(client):
    org = OrganisationFactory()
    assert client.get(f"/organisations/{org.slug}/services/gibt-es-nicht/").status_code == 404


def test_organisation_page_hides_internal_contacts_from_visitors(client):
    org = OrganisationFactory(name="KISS Kassel")
    ContactFactory(organisation=org, name="Öffentliche Person", is_public=True)
    ContactFactory(organisation=org, name="Interne Person", is_public=False)
    html = client.get(org.get_absolute_url()).content.decode()
    assert "KISS Kassel" in html
    assert "Öffentliche Person" in html
    assert "Interne Person" not in html
    client.force_login(org_member(org))
    assert "Interne Person" in client.get(org.get_absolute_url()).content.decode()


def test_organisation_page_of_another_tenant_hides_internal_contacts(client):
    org = OrganisationFactory()
    ContactFactory(organisation=org, name="Interne Person", is_public=False)
    client.force_login(org_admin(OrganisationFactory()))
    html = client.get(org.get_absolute_url()).content.decode()
    assert "Interne Person" not in html
    assert f"/organisations/{org.slug}/manage/" not in html


def test_private_organisation_is_404_for_visitors_and_other_tenants(client):
    org = OrganisationFactory(is_public=False)
    assert client.get(org.get_absolute_url()).status_code == 404
    client.force_login(org_admin(OrganisationFactory()))
    assert client.get(org.get_absolute_url()).status_code == 404


def test_external_booker_has_no_public_page_even_if_marked_public(client):
    org = OrganisationFactory(kind="external", is_public=True, email="buchung@firma.example")
    assert client.get(org.get_absolute_url()).status_code == 404
    client.force_login(org_admin(OrganisationFactory()))
    assert client.get(org.get_absolute_url()).status_code == 404


def test_external_booker_sees_its_own_page(client):
    org = OrganisationFactory(kind="external", is_public=True)
    client.force_login(org_member(org))
    assert client.get(org.get_absolute_url()).status_code == 200


def test_unknown_organisation_is_404(client, db):
    assert client.get("/organisations/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_page_query_count(client, house, count, django_assert_num_queries):
    org = OrganisationFactory()
    for _n in range(count):
        ConsultationHoursFactory(service=ServiceFactory(organisation=org))
        ContactFactory(organisation=org, is_public=True)
    with django_assert_num_queries(7):
        response = client.get(org.get_absolute_url())
    assert response.content.decode().count("/services/") == count


def test_house_page_lists_tenants_by_floor(client):
    OrganisationFactory(name="Erdgeschoss-Verein", office_floor=0)
    OrganisationFactory(name="Dachverband", office_floor=3)
    OrganisationFactory(name="Externe GmbH", kind="external", office_floor=None)
    OrganisationFactory(name="Ausgezogener Verein", tenancy_until=dt.date(2020, 1, 1))
    html = client.get("/our-house/").content.decode()
    assert html.index("Erdgeschoss-Verein") < html.index("Dachverband")
    assert "Externe GmbH" not in html
    assert "Ausgezogener Verein" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_house_page_query_count(client, house, count, django_assert_num_queries):
    for _n in range(count):
        OrganisationFactory()
    client.get("/")
    with django_assert_num_queries(1):
        response = client.get("/our-house/")
    assert response.content.decode().count("/organisations/") == count


def test_directory_json_is_hsds_shaped(client, vocab):
    service = _service(vocab, name="Türkische Beratung", groups=["refugees"], languages=["tr"])
    ConsultationHoursFactory(service=service, weekday=4, week_of_month=1)
    _service(vocab, name="Geheim", organisation=OrganisationFactory(is_public=False))
    data = json.loads(client.get("/directory.json").content)
    assert data["hsds_version"] == "3.0"
    assert [s["name"] for s in data["services"]] == ["Türkische Beratung"]
    entry = data["services"][0]
    assert entry["languages"][0]["code"] == "tr"
    assert entry["schedules"][0]["freq"] == "MONTHLY"
    assert entry["schedules"][0]["byday"] == "1FR"
    assert entry["assured_date"] == service.last_verified.isoformat()
    assert entry["organization_id"] in {o["id"] for o in data["organizations"]}
    term_ids = {t["id"] for t in data["taxonomy_terms"]}
    assert entry["attributes"][0]["taxonomy_term_id"] in term_ids


def test_directory_json_leaves_out_external_bookers(client, vocab):
    external = OrganisationFactory(
        kind="external", is_public=True, name="Firma GmbH", email="buchung@firma.example"
    )
    ServiceFactory(organisation=external, name="Firmenangebot")
    _service(vocab, name="Türkische Beratung", groups=["refugees"], languages=["tr"])
    body = client.get("/directory.json").content.decode()
    data = json.loads(body)
    assert [s["name"] for s in data["services"]] == ["Türkische Beratung"]
    assert "Firma GmbH" not in body
    assert "buchung@firma.example" not in body


@pytest.mark.parametrize("count", [1, 3])
def test_directory_json_query_count(client, house, vocab, count, django_assert_num_queries):
    for n in range(count):
        ConsultationHoursFactory(
            service=_service(vocab, name=f"B{n}", groups=["refugees"], languages=["tr"])
        )
    with django_assert_num_queries(11):
        data = client.get("/directory.json").json()
    assert len(data["services"]) == count


def test_report_outdated_saves_and_notifies(client, django_capture_on_commit_callbacks):
    service = ServiceFactory()
    admin = org_admin(service.organisation)
    url = f"/organisations/{service.organisation.slug}/services/{service.slug}/report/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Die Sprechzeit gibt es nicht mehr.", "email": ""})
    assert response.status_code == 302
    assert OutdatedReport.objects.get().message == "Die Sprechzeit gibt es nicht mehr."
    assert [m.to for m in mail.outbox] == [[admin.email]]


def test_report_outdated_honeypot_saves_nothing(client):
    service = ServiceFactory()
    url = f"/organisations/{service.organisation.slug}/services/{service.slug}/report/"
    response = client.post(url, {"message": "Billige Uhren", "homepage": "http://spam.example"})
    assert response.status_code == 302
    assert not OutdatedReport.objects.exists()


def test_report_outdated_is_rate_limited(client):
    service = ServiceFactory()
    url = f"/organisations/{service.organisation.slug}/services/{service.slug}/report/"
    for _n in range(REPORTS_PER_HOUR):
        client.post(url, {"message": "Veraltet"})
    response = client.post(url, {"message": "Noch einmal"})
    assert response.status_code == 429
    assert OutdatedReport.objects.count() == REPORTS_PER_HOUR


def test_report_outdated_rate_limit_counts_visitors_behind_the_proxy_apart(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    service = ServiceFactory()
    url = f"/organisations/{service.organisation.slug}/services/{service.slug}/report/"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _n in range(REPORTS_PER_HOUR):
        client.post(url, {"message": "Veraltet"}, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    blocked = client.post(url, {"message": "Nochmal"}, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    other = client.post(url, {"message": "Andere"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert blocked.status_code == 429
    assert "Zu viele Anfragen von Ihrem Anschluss" in blocked.content.decode()
    assert other.status_code == 302
    assert OutdatedReport.objects.count() == REPORTS_PER_HOUR + 1


def test_report_outdated_invalid_input_shows_errors(client):
    service = ServiceFactory()
    url = f"/organisations/{service.organisation.slug}/services/{service.slug}/report/"
    response = client.post(url, {"message": "", "email": "keine-adresse"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"message", "email"}
    assert not OutdatedReport.objects.exists()


def test_contact_public_queryset():
    org = OrganisationFactory()
    ContactFactory(organisation=org, is_public=True)
    ContactFactory(organisation=org, is_public=False)
    assert Contact.objects.public().count() == 1


def test_directory_open_now_is_empty_on_a_closure_day(client, vocab):
    now = timezone.localtime()
    service = _service(vocab, name="Sonst offen")
    ConsultationHoursFactory(
        service=service, weekday=now.weekday(), opens_at=dt.time(0), closes_at=dt.time(23, 59, 59)
    )
    ClosureDayFactory(date=now.date(), reason="Feiertag")
    html = client.get("/directory/", {"open_now": "on"}).content.decode()
    assert "Sonst offen" not in html


def test_next_opening_skips_closure_days():
    service = ServiceFactory()
    ConsultationHoursFactory(service=service, weekday=0, opens_at=dt.time(9), closes_at=dt.time(12))
    tz = timezone.get_current_timezone()
    saturday = dt.datetime(2025, 4, 19, 12, tzinfo=tz)  # Easter Monday 2025-04-21 is a holiday
    start, _end = service.next_opening(saturday, closed={dt.date(2025, 4, 21)})
    assert start.date() == dt.date(2025, 4, 28)


def test_directory_shows_twenty_services_a_page_with_links_keeping_the_filters(client, vocab):
    for n in range(23):
        _service(vocab, name=f"Beratung {n:02d}", groups=["refugees"])

    first = client.get("/directory/", {"q": "beratung", "utm": "x"}).content.decode()
    second = client.get("/directory/", {"q": "beratung", "page": "2"}).content.decode()

    assert first.count('class="card h-100"') == 20
    assert "23 " in first
    assert 'href="?q=beratung&amp;page=2"' in first
    assert second.count('class="card h-100"') == 3
    assert "Beratung 22" in second
