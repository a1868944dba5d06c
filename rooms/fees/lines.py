"""The lines of a quote and its warnings, with the German and English words for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from house.translated import in_language

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
    DAYS = "days"
    FLAT = "flat"
    FREE_QUOTA = "free_quota"
    EQUIPMENT = "equipment"
    CATERING = "catering"
    CLEANING = "cleaning"
    TEXT = "text"


#: Reasons the house does not write itself: the same for every fee rule.
FIXED_REASONS = {
    LineCode.EQUIPMENT: gettext_lazy("Projector, screen and sound as booked."),
    LineCode.CATERING: gettext_lazy("Set-up of drinks and snacks by the house."),
    LineCode.CLEANING: gettext_lazy("Charged once for this kind of use."),
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


def line_label(code: str, params: Mapping[str, str]) -> str:
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
    return str(PLAIN_LABELS.get(code, gettext_lazy("Room use")))


class WarningCode:
    """Warnings for the reception, kept as codes and worded when read."""

    EXEMPTION_EXPIRED = "exemption_expired"
    CATEGORY_STATED = "category_stated"


WARNING_TEXTS = {
    WarningCode.EXEMPTION_EXPIRED: gettext_lazy(
        "The non-profit exemption notice has expired: the external rate applies "
        "until a current notice is on file."
    ),
    WarningCode.CATEGORY_STATED: gettext_lazy(
        "Category stated by the requester: please check their papers."
    ),
}


def warning_text(code: str) -> str:
    """The words of a warning in the active language; a warning kept as words stays as it is."""
    text = WARNING_TEXTS.get(code)
    return str(text) if text is not None else code
