"""The dashboard is public: every page, CSV and API call works without logging in."""

from doorbraak.core.tests.access_harness import PUBLIC, UrlAccess


def _gemeente(organisation):
    # Any gemeente on the platform has a page, with or without figures loaded.
    return {"cbs_code": organisation.cbs_code}


def _area(organisation):
    from doorbraak.monitor.models import Area

    area, _ = Area.objects.get_or_create(
        slug=f"gebied-{organisation.cbs_code.lower()}",
        defaults={
            "name": f"Gebied van {organisation.name}",
            "gemeente_code": organisation.cbs_code,
            "cbs_year": 2024,
            "status": "unresolved",
        },
    )
    return {"slug": area.slug}


def _indicator(_organisation):
    from doorbraak.monitor.models import Indicator

    Indicator.objects.get_or_create(
        code="inwoners",
        defaults={
            "title": "Aantal inwoners",
            "definition": "Inwoners op 1 januari.",
            "unit": "aantal",
            "kind": "jaar",
            "period": "1 januari 2024",
            "source": "CBS",
            "source_url": "https://opendata.cbs.nl/",
        },
    )
    return {"code": "inwoners"}


URLS = {
    "monitor:dashboard": UrlAccess(roles=PUBLIC),
    "monitor:nederland-csv": UrlAccess(roles=PUBLIC),
    "monitor:covid-csv": UrlAccess(roles=PUBLIC),
    "monitor:gemeente": UrlAccess(roles=PUBLIC, foreign_object=_gemeente, shared=True),
    "monitor:gemeente-csv": UrlAccess(roles=PUBLIC, foreign_object=_gemeente, shared=True),
    "monitor:gemeente-covid-csv": UrlAccess(roles=PUBLIC, foreign_object=_gemeente, shared=True),
    "monitor:gebied": UrlAccess(roles=PUBLIC, foreign_object=_area, shared=True),
    "monitor:gebied-csv": UrlAccess(roles=PUBLIC, foreign_object=_area, shared=True),
    "monitor:indicator": UrlAccess(roles=PUBLIC, foreign_object=_indicator, shared=True),
    "monitor:indicator-csv": UrlAccess(roles=PUBLIC, foreign_object=_indicator, shared=True),
    # The API, public as well.
    "api:monitor-indicators": UrlAccess(roles=PUBLIC, api=True),
    "api:monitor-indicator-values": UrlAccess(
        roles=PUBLIC, foreign_object=_indicator, shared=True, api=True
    ),
    "api:monitor-gemeente": UrlAccess(
        roles=PUBLIC, foreign_object=_gemeente, shared=True, api=True
    ),
}


# The programme monitor: for analysts (and loket staff of the rijk), never open to the public.
from doorbraak.core.roles import Role  # noqa: E402


def _programme_table(_organisation):
    return {"table": "plans"}


def _programme_marker(organisation):
    """A household with a plan in the other gemeente: its name must not show to our analyst."""
    from doorbraak.households.tests.factories import household_of
    from doorbraak.plans.models import Plan

    Plan.objects.create(household=household_of(organisation))
    return organisation.name


URLS["monitor:programme"] = UrlAccess(
    roles={Role.ANALIST}, platform_roles={Role.LOKET}, leak_marker=_programme_marker
)
URLS["monitor:programme-csv"] = UrlAccess(
    roles={Role.ANALIST},
    platform_roles={Role.LOKET},
    foreign_object=_programme_table,
    shared=True,
    leak_marker=_programme_marker,
)


# The editing screen of the areas: functioneel beheerder of the platform, or of the area's
# own gemeente (another gemeente's area is a 404).
def _own_area(organisation):
    return _area(organisation)


URLS["monitor:area-list"] = UrlAccess(
    roles={Role.FUNCTIONEEL_BEHEERDER}, platform_roles={Role.FUNCTIONEEL_BEHEERDER}
)
URLS["monitor:area-create"] = UrlAccess(
    roles={Role.FUNCTIONEEL_BEHEERDER}, platform_roles={Role.FUNCTIONEEL_BEHEERDER}
)
URLS["monitor:area-edit"] = UrlAccess(
    roles={Role.FUNCTIONEEL_BEHEERDER},
    platform_roles={Role.FUNCTIONEEL_BEHEERDER},
    foreign_object=_own_area,
)


# Stapeling: public pages of the synthetic population.
URLS["monitor:stapeling"] = UrlAccess(roles=PUBLIC)
URLS["monitor:stapeling-csv"] = UrlAccess(roles=PUBLIC)
URLS["monitor:stapeling-gemeente"] = UrlAccess(roles=PUBLIC, foreign_object=_gemeente, shared=True)
URLS["monitor:stapeling-gemeente-csv"] = UrlAccess(
    roles=PUBLIC, foreign_object=_gemeente, shared=True
)
URLS["monitor:stapeling-gebied"] = UrlAccess(roles=PUBLIC, foreign_object=_area, shared=True)
URLS["monitor:stapeling-gebied-csv"] = UrlAccess(roles=PUBLIC, foreign_object=_area, shared=True)
