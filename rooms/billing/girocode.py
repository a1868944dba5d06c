"""The EPC QR code ("GiroCode") that banking apps read to fill in a SEPA transfer.

The payload follows the European Payments Council's guideline EPC069-12,
version 002: one field a line, UTF-8, the IBAN, the amount in euros and the
invoice number as the unstructured remittance text. The BIC is optional in
version 002 within the SEPA area.
"""

from __future__ import annotations

from decimal import Decimal

MAX_NAME = 70
MAX_TEXT = 140
MAX_AMOUNT = Decimal("999999999.99")


def epc_payload(*, name: str, iban: str, amount: Decimal, text: str, bic: str = "") -> str:
    iban = "".join(iban.split()).upper()
    if not iban:
        raise ValueError("An IBAN is needed for a payment code.")
    if not Decimal("0.01") <= amount <= MAX_AMOUNT:
        raise ValueError("The amount of a payment code lies between 0.01 and 999999999.99 €.")
    fields = [
        "BCD",
        "002",
        "1",
        "SCT",
        "".join(bic.split()).upper(),
        " ".join(name.split())[:MAX_NAME],
        iban,
        f"EUR{amount:.2f}",
        "",
        "",
        " ".join(text.split())[:MAX_TEXT],
    ]
    return "\n".join(fields)


def epc_qr_png(payload: str) -> bytes:
    """The payload as a PNG QR code, error correction level M as the guideline asks."""
    import io

    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, box_size=8)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()
