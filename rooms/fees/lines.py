"""The lines of a quote and its warnings, with the German and English words for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from house.translated import in_language
from rooms.fees.conditions import CategorySource

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True)
class QuoteLine:
    """One line of a quote, kept as what it is (``code`` and numbers), not as words.

    The words are made when the line is read, in the reader's language: a booking
    quoted in German reads in English on an English page. ``reason`` is the house's
    own text of the fee rule (German, with its English twin when house management
    wrote one). A line kept from before lines had codes carries its old words in
    ``text`` and is shown as written.
    """

    code: str
    amount: Decimal
    params: Mapping[str, str] = field(default_factory=dict)
    rule_reason: str = ""
    rule_reason_en: str = ""
    text: str = ""
    text_reason: str = ""

    @property
    def label(self) -> str:
        if self.code == LineCode.TEXT:
            return self.text
        return line_label(self.code, self.params)

    @property
    def reason(self) -> str:
        fixed = FIXED_REASONS.get(self.code)
        if fixed is not None:
            return str(fixed)
        if self.code == LineCode.TEXT and self.text_reason:
            return self.text_reason
        if self.code == LineCode.SURCHARGE:
            return surcharge_reason(self.params)
        return in_language(self.rule_reason, self.rule_reason_en)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "amount": str(self.amount)}
        if self.params:
            data["params"] = dict(self.params)
        if self.rule_reason:
            data["rule_reason"] = self.rule_reason
        if self.rule_reason_en:
            data["rule_reason_en"] = self.rule_reason_en
        if self.text:
            data["text"] = self.text
        if self.text_reason:
            data["text_reason"] = self.text_reason
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuoteLine:
        if "code" not in data:  # written before lines had codes: its words as they were
            return cls(
                LineCode.TEXT,
                Decimal(data["amount"]),
                text=str(data.get("label", "")),
                text_reason=str(data.get("reason", "")),
            )
        return cls(
            str(data["code"]),
            Decimal(data["amount"]),
            params=dict(data.get("params", {})),
            rule_reason=str(data.get("rule_reason", "")),
            rule_reason_en=str(data.get("rule_reason_en", "")),
            text=str(data.get("text", "")),
            text_reason=str(data.get("text_reason", "")),
        )


class LineCode:
    """What a quote line is for."""

    ROOM_USE = "room_use"
    HOURLY = "hourly"
    HALF_DAY = "half_day"
    FULL_DAY = "full_day"
    HALF_DAYS = "half_days"
    FULL_DAYS = "full_days"
    DAYS = "days"
    FLAT = "flat"
    FREE_QUOTA = "free_quota"
    EQUIPMENT = "equipment"
    CATERING = "catering"
    CLEANING = "cleaning"
    SURCHARGE = "surcharge"
    EVENT_DAY = "event_day"
    TEXT = "text"


#: Reasons the house does not write itself: the same for every fee rule.
FIXED_REASONS = {
    LineCode.EQUIPMENT: gettext_lazy("Projector, screen and sound as booked."),
    LineCode.CATERING: gettext_lazy("Set-up of drinks and snacks by the house."),
    LineCode.CLEANING: gettext_lazy("Charged once for this kind of use."),
    LineCode.EVENT_DAY: gettext_lazy("One event, one fee: the whole price is on its first day."),
}


def _hours_label(minutes: str) -> str:
    hours = (Decimal(minutes) / 60).normalize()
    places = max(0, -hours.as_tuple().exponent)  # type: ignore[operator]
    return number_format(hours, places)


#: Lines whose words need no numbers.
PLAIN_LABELS = {
    LineCode.HALF_DAY: gettext_lazy("Room use, half day"),
    LineCode.FULL_DAY: gettext_lazy("Room use, full day"),
    LineCode.FLAT: gettext_lazy("Flat usage fee"),
    LineCode.EQUIPMENT: gettext_lazy("Media equipment"),
    LineCode.CATERING: gettext_lazy("Catering service"),
    LineCode.CLEANING: gettext_lazy("Cleaning fee"),
}


def line_label(code: str, params: Mapping[str, str]) -> str:  # noqa: PLR0911 - one answer per line code
    """The words of a quote line in the active language."""
    if code == LineCode.HOURLY:
        return _("Room use, %(hours)s h × %(price)s €") % {
            "hours": _hours_label(params["minutes"]),
            "price": number_format(Decimal(params["price"]), 2),
        }
    if code == LineCode.DAYS:
        return _("Room use, %(days)s day(s)") % {"days": params["days"]}
    if code == LineCode.FREE_QUOTA:
        return _("%(hours)s h from the free monthly quota") % {
            "hours": _hours_label(params["minutes"])
        }
    if code == LineCode.HALF_DAYS:
        return _("Room use, %(count)s half days") % {"count": params["count"]}
    if code == LineCode.FULL_DAYS:
        return _("Room use, %(count)s full days") % {"count": params["count"]}
    if code in {LineCode.EQUIPMENT, LineCode.CATERING} and int(params.get("days", "1")) > 1:
        return _("%(item)s, %(days)s days") % {
            "item": PLAIN_LABELS[code],
            "days": params["days"],
        }
    if code == LineCode.SURCHARGE:
        return _("%(name)s, %(hours)s h") % {
            "name": in_language(params["name"], params.get("name_en", "")),
            "hours": _hours_label(params["minutes"]),
        }
    if code == LineCode.EVENT_DAY:
        return _("Day %(day)s of the event of %(first)s") % {
            "day": params["day"],
            "first": params["first"],
        }
    return str(PLAIN_LABELS.get(code, gettext_lazy("Room use")))


def surcharge_window(weekdays: str, starts: str, ends: str) -> str:
    """E.g. “Mon–Fri 18:00–24:00”, “Sat, Sun 00:00–24:00” or “every day 18:00–22:00”."""
    from django.utils.dates import WEEKDAYS_ABBR

    numbers = sorted({int(day) for day in weekdays.split(",") if day.strip()})
    if numbers == list(range(7)):
        return f"{_('every day')} {starts}–{ends or '24:00'}"
    runs: list[list[int]] = []
    for day in numbers:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names = [
        f"{WEEKDAYS_ABBR[run[0]]}–{WEEKDAYS_ABBR[run[-1]]}"
        if len(run) > 2
        else ", ".join(str(WEEKDAYS_ABBR[day]) for day in run)
        for run in runs
    ]
    return f"{', '.join(names)} {starts}–{ends or '24:00'}"


def surcharge_reason(params: Mapping[str, str]) -> str:
    """What a surcharge line charges and when, in words."""
    parts = []
    if Decimal(params.get("percent", "0")):
        parts.append(
            _("%(percent)s %% of the room price for these hours")
            % {"percent": number_format(Decimal(params["percent"]).normalize(), 0)}
        )
    if Decimal(params.get("per_hour", "0")):
        parts.append(
            _("%(amount)s € per hour") % {"amount": number_format(Decimal(params["per_hour"]), 2)}
        )
    window = surcharge_window(
        params.get("weekdays", ""), params.get("starts", "00:00"), params.get("ends", "")
    )
    return f"{window}: {', '.join(parts)}"


class WarningCode:
    """Warnings for the reception, kept as codes and worded when read."""

    EXEMPTION_EXPIRED = "exemption_expired"
    CATEGORY_STATED = "category_stated"
    CATEGORY_STATED_OVERRULED = "category_stated_overruled"
    CATEGORY_REVIEW_DUE = "category_review_due"


WARNING_TEXTS = {
    WarningCode.EXEMPTION_EXPIRED: gettext_lazy(
        "The non-profit exemption notice has expired: the external rate applies "
        "until a current notice is on file."
    ),
    WarningCode.CATEGORY_STATED: gettext_lazy(
        "Category stated by the requester: please check their papers."
    ),
    WarningCode.CATEGORY_STATED_OVERRULED: gettext_lazy(
        "The category chosen in the form does not apply: the organisation's category "
        "decides the price. House management can set the organisation's category."
    ),
    WarningCode.CATEGORY_REVIEW_DUE: gettext_lazy(
        "House management's category for this organisation is past its review date."
    ),
}

#: How the quote names where its booker category comes from.
CATEGORY_SOURCES = {
    CategorySource.HOUSE: gettext_lazy("set by house management"),
    CategorySource.PAPERS: gettext_lazy("from the organisation's papers"),
    CategorySource.STATED: gettext_lazy("as stated in the form"),
    CategorySource.DEFAULT: gettext_lazy("no organisation"),
}


def warning_text(code: str) -> str:
    """The words of a warning in the active language; a warning kept as words stays as it is."""
    text = WARNING_TEXTS.get(code)
    return str(text) if text is not None else code
