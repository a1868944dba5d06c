"""The one page navigation of the portal's lists keeps the list's filters on every page."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation


def _render(number, query=""):
    page = Paginator(list(range(45)), 20).get_page(number)
    with translation.override("de"):
        return render_to_string("house/_pagination.html", {"page": page, "query": query})


def test_the_middle_page_links_both_ways_and_keeps_the_filter():
    html = _render(2, query="status=open")
    assert 'href="?status=open&amp;page=1"' in html
    assert 'href="?status=open&amp;page=3"' in html
    assert "Seite 2 von 3" in html


def test_without_a_filter_the_links_carry_only_the_page():
    html = _render(1)
    assert 'href="?page=2"' in html
    assert "page=0" not in html


def test_a_list_of_one_page_shows_no_navigation():
    page = Paginator([1, 2], 20).get_page(1)
    assert "<nav" not in render_to_string("house/_pagination.html", {"page": page})
