"""Reading statement files: CAMT.053 and the CSV exports of Sparkasse, Volksbank and GLS Bank."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rooms.billing.operations.statements import (
    StatementError,
    fingerprints,
    read_statement,
)
from tests.billing.statements import camt, old_volksbank_csv, sparkasse_csv, volksbank_csv

DAY = dt.date(2026, 11, 2)
ROWS = [
    (DAY, Decimal("1234.50"), "RE-2026-00012 Seminar", "Firma Müller GmbH"),
    (DAY, Decimal("-80.00"), "Miete Kopierer", "Leasing AG"),
    (DAY, Decimal("80.00"), "Spende", "Erika Mustermann"),
]


@pytest.mark.parametrize("writer", [sparkasse_csv, volksbank_csv, old_volksbank_csv])
def test_the_csv_exports_of_german_banks_yield_the_credits(writer):
    statement = read_statement(writer(ROWS))

    assert statement.file_format == "csv"
    assert statement.debits == 1
    assert [(e.booked_on, e.amount, e.counterparty) for e in statement.entries] == [
        (DAY, Decimal("1234.50"), "Firma Müller GmbH"),
        (DAY, Decimal("80.00"), "Erika Mustermann"),
    ]
    assert statement.entries[0].reference == "RE-2026-00012 Seminar"
    assert statement.entries[0].iban == "DE89370400440532013000"


def test_camt_053_credits_are_read_and_debits_left_out():
    content = camt(
        [
            {"amount": "214.20", "reference": "RE-2026-00003", "name": "Kulturverein"},
            {"amount": "50.00", "side": "DBIT", "reference": "Porto"},
        ]
    )
    statement = read_statement(content)

    assert statement.file_format == "camt053"
    assert statement.debits == 1
    [entry] = statement.entries
    assert (entry.booked_on, entry.amount, entry.counterparty, entry.reference) == (
        DAY,
        Decimal("214.20"),
        "Kulturverein",
        "RE-2026-00003",
    )


def test_camt_of_the_older_version_is_read_as_well():
    content = camt(
        [{"amount": "10.00", "reference": "x"}],
        namespace="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02",
    )
    assert read_statement(content).entries[0].amount == Decimal("10.00")


def test_an_xml_file_with_entities_is_refused_without_reading_them(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM")
    content = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">&x;</Document>'
    ).encode()
    with pytest.raises(StatementError) as caught:
        read_statement(content)
    assert "GEHEIM" not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "leer"),
        (b"<?xml version='1.0'?><Document><broken>", "CAMT.053"),
        (b"<?xml version='1.0'?><Document xmlns='urn:other'/>", "CAMT.053"),
        (b"Name,Value\nfoo,1\n", "Spaltenüberschrift"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "CSV"),
        (b"Buchungstag;Verwendungszweck;Betrag\n31.02.2026;x;10,00\n", "Zeile 2"),
        (b"Buchungstag;Verwendungszweck;Betrag\n01.02.2026;x;zehn\n", "Zeile 2"),
        (b"Buchungstag;Verwendungszweck;Betrag;Waehrung\n01.02.2026;x;10,00;USD\n", "USD"),
    ],
)
def test_bad_files_get_a_clear_german_message(content, words):
    from django.utils import translation

    with translation.override("de"), pytest.raises(StatementError) as caught:
        read_statement(content)
    assert words in str(caught.value)


def test_identical_entries_in_one_file_get_different_fingerprints_stable_across_reads():
    content = volksbank_csv([ROWS[2], ROWS[2]])
    first = fingerprints(read_statement(content).entries)
    again = fingerprints(read_statement(content).entries)

    assert len(set(first)) == 2
    assert first == again
