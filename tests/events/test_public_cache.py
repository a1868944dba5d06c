"""Kept public pages of the programme: keyed on validated values, made stale narrowly."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import services
from house.caching import current_versions
from tenants.models import TargetGroup
from tests.events.factories import EventFactory
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def test_a_change_to_one_event_leaves_the_pages_of_the_others_in_the_cache(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    changed, other = EventFactory(title="Alter Titel"), EventFactory(title="Lesecafé")
    client.get(changed.get_absolute_url())
    client.get(other.get_absolute_url())

    changed.title = "Neuer Titel"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(actor=staff_user(), event=changed)

    with django_assert_max_num_queries(1):  # at most the house profile
        assert "Lesecafé" in client.get(other.get_absolute_url()).text
    assert "Neuer Titel" in client.get(changed.get_absolute_url()).text
    assert "Neuer Titel" in client.get(reverse("events:list")).text


def test_parameters_the_list_does_not_know_share_one_cache_entry(
    client, django_assert_max_num_queries
):
    EventFactory(title="Lesecafé")
    client.get(reverse("events:list"), {"utm_source": "newsletter"})

    with django_assert_max_num_queries(1):  # at most the house profile
        response = client.get(reverse("events:list"), {"utm_source": "flyer", "x": "1"})

    assert "Lesecafé" in response.text


def test_searches_and_pages_out_of_range_are_rendered_fresh(client, django_assert_num_queries):
    EventFactory(title="Lesecafé")
    client.get(reverse("events:list"), {"q": "Lese"})
    client.get(reverse("events:list"), {"page": "999"})

    # filter choices (3), count, page, target groups of the page and for their feeds
    with django_assert_num_queries(7):
        assert "Lesecafé" in client.get(reverse("events:list"), {"q": "Lese"}).text
    with django_assert_num_queries(7):
        client.get(reverse("events:list"), {"page": "999"})


def test_an_unknown_event_leaves_no_version_behind(client):
    assert client.get(reverse("events:detail", args=["gibt-es-nicht"])).status_code == 404

    assert current_versions([services.event_version("gibt-es-nicht")]) == (None,)


def test_programme_feed_answers_304_without_a_query(client, django_assert_num_queries):
    EventFactory(title="Lesecafé")
    first = client.get(reverse("events:feed"))

    with django_assert_num_queries(0):
        again = client.get(reverse("events:feed"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]


def test_target_group_feed_lists_only_that_groups_events(client, vocabularies):
    seniors = TargetGroup.objects.get(slug="senioren")
    for_seniors = EventFactory(title="Tanztee")
    for_seniors.target_groups.add(seniors)
    EventFactory(title="Hausaufgabenhilfe")

    response = client.get(reverse("events:feed_target_group", args=[seniors.slug]))
    body = response.content.decode()

    assert "Tanztee" in body
    assert "Hausaufgabenhilfe" not in body
    assert client.get(reverse("events:feed_target_group", args=["niemand"])).status_code == 404
    assert reverse("events:feed_target_group", args=[seniors.slug]) in (
        client.get(reverse("events:list")).text
    )


def test_a_change_to_one_event_rewrites_only_its_entry_in_the_feeds(
    client, django_capture_on_commit_callbacks
):
    from unittest import mock

    from house.ical import feed_vevent

    changed, other = EventFactory(title="Alter Titel"), EventFactory(title="Lesecafé")
    with mock.patch("house.ical.kept.feed_vevent", wraps=feed_vevent) as written:
        client.get(reverse("events:feed"))
    assert written.call_count == 2

    changed.title = "Neuer Titel"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(actor=staff_user(), event=changed)
    with mock.patch("house.ical.kept.feed_vevent", wraps=feed_vevent) as written:
        body = client.get(reverse("events:feed")).content.decode()
        category_feed = client.get(reverse("events:feed_category", args=[other.category]))

    assert "SUMMARY:Neuer Titel" in body
    assert "SUMMARY:Lesecafé" in body
    # The programme feed and the category feed are joined again; only the changed event's
    # VEVENT is written anew, once, and the other's is taken from the cache.
    assert [call.args[0].summary for call in written.call_args_list] == ["Neuer Titel"]
    assert "SUMMARY:Neuer Titel" in category_feed.content.decode()


def test_feeds_render_cold_with_a_fixed_number_of_queries(client, vocabularies):
    from django.core.cache import cache

    seniors = TargetGroup.objects.get(slug="senioren")
    for n in range(6):
        EventFactory(title=f"Abend {n}").target_groups.add(seniors)
    EventFactory(title="Tagung", category="conference")
    cache.clear()

    with CaptureQueriesContext(connection) as programme:
        client.get(reverse("events:feed"))
    with CaptureQueriesContext(connection) as category:
        client.get(reverse("events:feed_category", args=["education"]))
    with CaptureQueriesContext(connection) as group:
        client.get(reverse("events:feed_target_group", args=[seniors.slug]))

    # the house profile, the events of the window, the programme of its conference
    assert len(programme.captured_queries) == 3
    # the events (the house profile is kept by now; no conference, no programme asked for)
    assert len(category.captured_queries) == 1
    assert len(group.captured_queries) == 2  # the group, the events


def test_listing_and_event_pages_render_cold_with_a_fixed_number_of_queries(client, vocabularies):
    from django.core.cache import cache

    seniors = TargetGroup.objects.get(slug="senioren")
    events = [EventFactory(title=f"Abend {n}") for n in range(25)]
    for event in events:
        event.target_groups.add(seniors)
    counts = {}
    for label, address in (
        ("list", reverse("events:list")),
        ("page 2", reverse("events:list") + "?page=2"),
        ("filtered", reverse("events:list") + "?category=education&target_group=senioren"),
        ("event", events[3].get_absolute_url()),
    ):
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            assert client.get(address).status_code == 200
        counts[label] = len(context.captured_queries)

    # The house profile; the filter's target groups, organisers and languages; the count,
    # the page's events and their target groups; the target groups' feeds. Filtered: the
    # chosen target group once more. The event page: the house, the event, its target
    # groups, languages and programme.
    assert counts == {"list": 8, "page 2": 8, "filtered": 9, "event": 5}


def test_a_change_to_one_event_renders_only_its_card_on_the_listing_again(
    client, django_capture_on_commit_callbacks
):
    from unittest import mock

    from events.views import public

    changed = EventFactory(title="Alter Titel")
    EventFactory(title="Lesecafé")
    with mock.patch.object(public, "_render_card", wraps=public._render_card) as rendered:
        client.get(reverse("events:list"))
    assert rendered.call_count == 2

    changed.title = "Neuer Titel"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(actor=staff_user(), event=changed)
    with mock.patch.object(public, "_render_card", wraps=public._render_card) as rendered:
        page = client.get(reverse("events:list")).text

    assert "Neuer Titel" in page
    assert "Lesecafé" in page
    assert [call.args[0].pk for call in rendered.call_args_list] == [changed.pk]
