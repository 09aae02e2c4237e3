"""Changes to the monitor's configuration: wijk boundaries and the stedelijke vernieuwingsgebieden.

No personal data here (boundaries and named sets of CBS wijk codes), so no processing-log
entry; every change of an area is kept by django-simple-history (who, when, what) and in
``Area.updated_by``/``updated_at``.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

import structlog

from . import boundaries, loader
from .models import Area, WijkBoundary

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class BoundaryLoad:
    wijken: int
    gemeenten: int
    removed: int
    points: int


@transaction.atomic
def store_wijk_boundaries(
    shapes: list[boundaries.WijkShape], cbs_year: int, source: str
) -> BoundaryLoad:
    """Replace the boundaries of every gemeente in ``shapes`` for ``cbs_year``, all at once.

    Gemeenten not in ``shapes`` keep theirs; a wijk that is no longer delivered for a gemeente
    that is, is removed. Nothing is written for an empty list.
    """
    if not shapes:
        return BoundaryLoad(0, 0, 0, 0)
    gemeenten = {shape.gemeente_code for shape in shapes}
    removed, _ = WijkBoundary.objects.filter(
        cbs_year=cbs_year, gemeente_code__in=gemeenten
    ).delete()
    now = timezone.now()
    WijkBoundary.objects.bulk_create(
        WijkBoundary(
            code=shape.code,
            name=shape.name,
            gemeente_code=shape.gemeente_code,
            cbs_year=cbs_year,
            geometry=shape.polygons,
            source=source[:300],
            loaded_at=now,
        )
        for shape in shapes
    )
    log.info("monitor.wijk_boundaries_loaded", year=cbs_year, wijken=len(shapes))
    return BoundaryLoad(
        len(shapes), len(gemeenten), max(removed - len(shapes), 0), sum(s.points for s in shapes)
    )


@transaction.atomic
def save_area(actor, area: Area) -> int:
    """Save an area created or changed on the editing screen and recompute its figures.

    Returns the number of values written (0 when none of its wijken has figures for its year).
    """
    area.updated_at = timezone.now()
    area.updated_by = actor.user if actor is not None else None
    area.save()
    values = loader.recompute_area(area)
    log.info("monitor.area_saved", area=area.slug, values=values)
    return values
