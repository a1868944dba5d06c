"""The Leitweg-ID: the routing number of a German public-sector buyer (BT-10).

Its form, as the KoSIT specification sets it: a coarse address of 2 to 12
digits, an optional fine address of up to 30 letters or digits, and two check
digits, joined by hyphens (``04011000-1234512345-06``). The check digits follow
ISO/IEC 7064 MOD 97-10 over the address without hyphens, letters counted as in
an IBAN (A = 10 … Z = 35): the whole, read as a number, leaves 1 when divided
by 97.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FORM = re.compile(r"^(?P<coarse>[0-9]{2,12})(?:-(?P<fine>[A-Z0-9]{1,30}))?-(?P<check>[0-9]{2})$")
MAX_LENGTH = 46


def normalise(value: str) -> str:
    """As people paste it: spaces dropped, letters upper case."""
    return "".join(value.split()).upper()


def _as_number(text: str) -> int:
    return int("".join(str(int(char, 36)) for char in text))


def check_digits(address: str) -> str:
    """The two check digits of an address written without them (``04011000-1234512345``)."""
    plain = address.replace("-", "").upper()
    return f"{98 - _as_number(plain + '00') % 97:02d}"


def is_valid(value: str) -> bool:
    match = FORM.match(normalise(value))
    if match is None:
        return False
    plain = match["coarse"] + (match["fine"] or "") + match["check"]
    return _as_number(plain) % 97 == 1


def validate_leitweg_id(value: str) -> None:
    """A Django validator: the form and the check digits."""
    text = normalise(value)
    if not FORM.match(text):
        raise ValidationError(
            _(
                "A Leitweg-ID has the form 04011000-1234512345-06: 2 to 12 digits, "
                "optionally letters or digits, and two check digits, joined by hyphens."
            ),
            code="leitweg_form",
        )
    if not is_valid(text):
        raise ValidationError(
            _(
                "The check digits of this Leitweg-ID do not match. Please compare it "
                "with the order."
            ),
            code="leitweg_check",
        )
