"""The network's own district map: outlines and actors projected onto an SVG we draw.

No tile server, geocoder or script of a third party sees the visitors or the
addresses. Districts are outlines of ``[lon, lat]`` corners; an actor with a
public position is drawn there, any other at its district's centre (spread on a
small spiral so that several stay visible).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tenants.network.models import Actor, District

WIDTH = 640
PADDING = 16
#: The golden angle spreads markers around a district's centre without overlap.
_GOLDEN = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class DistrictShape:
    name: str
    slug: str
    points: str
    label_x: float
    label_y: float
    count: int
    selected: bool


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    name: str
    url: str
    at_district: bool


@dataclass(frozen=True)
class DistrictMap:
    width: int
    height: int
    districts: Sequence[DistrictShape]
    markers: Sequence[Marker]


class _Projection:
    def __init__(self, corners: Iterable[Sequence[float]]) -> None:
        corners = list(corners) or [[0.0, 0.0], [1.0, 1.0]]
        lons = [float(c[0]) for c in corners]
        lats = [float(c[1]) for c in corners]
        self.min_lon, self.max_lat = min(lons), max(lats)
        self.x_scale = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = (max(lons) - self.min_lon) * self.x_scale or 1.0
        span_y = (self.max_lat - min(lats)) or 1.0
        self.k = (WIDTH - 2 * PADDING) / span_x
        self.height = round(span_y * self.k + 2 * PADDING)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = PADDING + (lon - self.min_lon) * self.x_scale * self.k
        y = PADDING + (self.max_lat - lat) * self.k
        return round(x, 1), round(y, 1)


def draw(
    districts: Sequence[District], actors: Sequence[Actor], *, selected: str = ""
) -> DistrictMap:
    """Project ``districts`` (with ``outline``) and ``actors`` (with a district) onto the map."""
    project = _Projection(c for d in districts for c in d.outline)
    counts: dict[int, int] = {}
    for actor in actors:
        counts[actor.district_id] = counts.get(actor.district_id, 0) + 1
    shapes = []
    centres: dict[int, tuple[float, float]] = {}
    for district in districts:
        points = [project(float(lon), float(lat)) for lon, lat in district.outline]
        cx, cy = project(*district.centre())
        centres[district.pk] = (cx, cy)
        shapes.append(
            DistrictShape(
                name=district.name,
                slug=district.slug,
                points=" ".join(f"{x},{y}" for x, y in points),
                label_x=cx,
                label_y=cy,
                count=counts.get(district.pk, 0),
                selected=district.slug == selected,
            )
        )
    markers = []
    placed: dict[int, int] = {}
    for actor in actors:
        # has_public_point implies both coordinates; spelt out so the types narrow.
        if actor.has_public_point and actor.longitude is not None and actor.latitude is not None:
            x, y = project(float(actor.longitude), float(actor.latitude))
            at_district = False
        else:
            n = placed.get(actor.district_id, 0)
            placed[actor.district_id] = n + 1
            cx, cy = centres.get(actor.district_id, (WIDTH / 2, project.height / 2))
            radius = 9 * math.sqrt(n + 1)
            x = round(cx + radius * math.cos(n * _GOLDEN), 1)
            y = round(cy + 14 + radius * math.sin(n * _GOLDEN), 1)
            at_district = True
        markers.append(
            Marker(x=x, y=y, name=actor.name, url=actor.get_absolute_url(), at_district=at_district)
        )
    return DistrictMap(width=WIDTH, height=project.height, districts=shapes, markers=markers)
