"""The certificate of volunteer hours (Ehrenamtsnachweis) as a PDF, in German.

A format module: it turns an issued :class:`Certificate` into bytes and touches
nothing else. The certificate names the holder, the period, the hours and the
activities, and carries a code (and its QR code) that the public verification
page checks, so a reader does not have to trust the paper.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import qrcode
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

if TYPE_CHECKING:
    from house.volunteers.models import Certificate


def _hours_text(certificate: Certificate) -> str:
    return f"{certificate.hours}".replace(".", ",")


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    from house.context_processors import current_house

    house = current_house()
    house_name = house.name if house else "Hausportal"
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"Ehrenamtsnachweis {certificate.code}")
    pdf.setAuthor(house_name)
    pdf.setSubject("Nachweis ehrenamtlicher Tätigkeit")
    _width, height = A4
    left = 25 * mm
    y = height - 30 * mm
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(left, y, "Nachweis ehrenamtlicher Tätigkeit")
    y -= 10 * mm
    pdf.setFont("Helvetica", 12)
    pdf.drawString(left, y, house_name)
    if house and house.address_line:
        y -= 6 * mm
        pdf.drawString(left, y, house.address_line)
    y -= 16 * mm
    lines = [
        f"Hiermit bestätigen wir, dass {certificate.holder_name}",
        (
            f"in der Zeit vom {certificate.period_start:%d.%m.%Y} bis "
            f"{certificate.period_end:%d.%m.%Y}"
        ),
        f"insgesamt {_hours_text(certificate)} Stunden ehrenamtlich in unserem Haus tätig war.",
    ]
    for line in lines:
        pdf.drawString(left, y, line)
        y -= 7 * mm
    activities = [a for a in certificate.activities.splitlines() if a.strip()]
    if activities:
        y -= 5 * mm
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(left, y, "Tätigkeiten")
        pdf.setFont("Helvetica", 12)
        for activity in activities[:15]:
            y -= 7 * mm
            pdf.drawString(left + 4 * mm, y, f"• {activity[:90]}")
    y -= 16 * mm
    pdf.drawString(left, y, "Wir danken für das Engagement.")
    y -= 7 * mm
    issued = timezone.localtime(certificate.issued_at)
    pdf.drawString(left, y, f"Ausgestellt am {issued:%d.%m.%Y}")
    # Verification block at the foot of the page.
    image = qrcode.make(verify_url, box_size=4, border=1)
    png = io.BytesIO()
    image.save(png, format="PNG")
    png.seek(0)
    pdf.drawImage(ImageReader(png), left, 25 * mm, width=28 * mm, height=28 * mm)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(left + 34 * mm, 45 * mm, f"Prüfcode: {certificate.code}")
    pdf.drawString(
        left + 34 * mm, 39 * mm, "Die Echtheit dieses Nachweises lässt sich prüfen unter"
    )
    pdf.drawString(left + 34 * mm, 33 * mm, verify_url[:95])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
