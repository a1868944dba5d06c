"""The result of a dot-voting round: counted once, written canonically, checksummed, printed.

Decisions:

- An organisation's dots count only if they spread over at least ``min_spread``
  topics (Decidim's "minimum votes per user"); the others are reported as
  "not counted", so nobody wonders where their dots went.
- Topics rank by dots, then by the number of organisations behind them, then
  by name: two topics with equal dots and equal support share a rank.
- The frozen result is canonical JSON (sorted keys, no spaces, UTF-8): its
  SHA-256 is the checksum printed on the page and in the PDF. The PDF is made
  once at freezing with ReportLab's invariant mode (no creation date, fixed
  document id), stored, and checksummed too, so every download is the same file.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypedDict


class PdfLabels(TypedDict):
    """The translated texts of the result PDF; ``notes`` are separate lines."""

    author: str
    subtitle: str
    rank: str
    topic: str
    dots: str
    organisations: str
    notes: list[str]
    checksum: str


@dataclass(frozen=True)
class CastDot:
    actor_id: int
    topic_id: int


def count(
    *,
    dots: Iterable[CastDot],
    topics: dict[int, tuple[str, str]],
    min_spread: int,
) -> dict[str, Any]:
    """Count ``dots`` over ``topics`` (id → (name, slug)). Returns the ranking part of a result."""
    by_actor: dict[int, Counter[int]] = defaultdict(Counter)
    for dot in dots:
        by_actor[dot.actor_id][dot.topic_id] += 1
    counted = {a: c for a, c in by_actor.items() if len(c) >= max(min_spread, 1)}
    totals: Counter[int] = Counter()
    supporters: Counter[int] = Counter()
    for per_topic in counted.values():
        for topic_id, n in per_topic.items():
            totals[topic_id] += n
            supporters[topic_id] += 1
    rows: list[dict[str, Any]] = sorted(
        (
            {
                "topic": name,
                "slug": slug,
                "dots": totals[topic_id],
                "organisations": supporters[topic_id],
            }
            for topic_id, (name, slug) in topics.items()
        ),
        key=lambda r: (-r["dots"], -r["organisations"], r["topic"].casefold()),
    )
    rank, previous = 0, None
    for index, row in enumerate(rows, start=1):
        key = (row["dots"], row["organisations"])
        if key != previous:
            rank, previous = index, key
        row["rank"] = rank
    return {
        "ranking": rows,
        "organisations_voted": len(by_actor),
        "organisations_counted": len(counted),
        "organisations_not_counted": len(by_actor) - len(counted),
        "dots_counted": sum(totals.values()),
    }


def canonical(result: dict[str, Any]) -> bytes:
    return json.dumps(result, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def render_pdf(result: dict[str, Any], *, sha256: str, labels: PdfLabels) -> bytes:
    """The frozen result as a one-page PDF, byte-for-byte the same for the same input."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=result["title"],
        author=labels["author"],
        invariant=1,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
    )
    styles = getSampleStyleSheet()
    story = [
        Paragraph(escape(result["title"]), styles["Title"]),
        Paragraph(escape(labels["subtitle"]), styles["Normal"]),
        Spacer(1, 6 * mm),
    ]
    table = [[labels["rank"], labels["topic"], labels["dots"], labels["organisations"]]]
    table += [
        [
            str(r["rank"]),
            Paragraph(escape(r["topic"]), styles["Normal"]),
            str(r["dots"]),
            str(r["organisations"]),
        ]
        for r in result["ranking"]
    ]
    grid = Table(table, colWidths=[18 * mm, 100 * mm, 20 * mm, 32 * mm], repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f0f0f0")]),
            ]
        )
    )
    story += [grid, Spacer(1, 6 * mm)]
    story += [Paragraph(escape(line), styles["Normal"]) for line in labels["notes"]]
    story += [
        Spacer(1, 6 * mm),
        Paragraph(escape(labels["checksum"]), styles["Normal"]),
        Paragraph(f"<font face='Courier' size='8'>{sha256}</font>", styles["Normal"]),
    ]
    doc.build(story)
    return buffer.getvalue()
