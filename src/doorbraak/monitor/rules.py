"""Who may read the programme monitor (aggregate figures from the platform itself).

Analysts of a gemeente (their own gemeente only), of a kennisinstelling or of the rijk (all
gemeenten), and loket staff in a rijk organisation (all gemeenten). The scope of the figures
is decided by ``programme.scope_for``.
"""

import rules

from doorbraak.core.models import OrganisationType
from doorbraak.core.permissions import has_role, ruleset
from doorbraak.core.roles import Role

#: Organisation types whose analysts see every gemeente.
NATIONAL_TYPES = {OrganisationType.RIJK, OrganisationType.KENNISINSTELLING}


@rules.predicate
def in_programme_organisation(actor) -> bool:
    organisation = actor.organisation if actor is not None else None
    return organisation is not None and (
        organisation.type == OrganisationType.GEMEENTE or organisation.type in NATIONAL_TYPES
    )


@rules.predicate
def in_rijk_organisation(actor) -> bool:
    organisation = actor.organisation if actor is not None else None
    return organisation is not None and organisation.type == OrganisationType.RIJK


ruleset.add_rule(
    "monitor.view_programme",
    (has_role(Role.ANALIST) & in_programme_organisation)
    | (has_role(Role.LOKET) & in_rijk_organisation),
)


# The stedelijke vernieuwingsgebieden are configuration, kept by a functioneel beheerder: the
# platform's (every gemeente) or a gemeente's own (its own gemeente's areas only).
from doorbraak.core.permissions import in_platform_organisation, is_functioneel_beheerder  # noqa: E402


@rules.predicate
def in_gemeente_organisation(actor) -> bool:
    organisation = actor.organisation if actor is not None else None
    return (
        organisation is not None
        and organisation.type == OrganisationType.GEMEENTE
        and bool(organisation.cbs_code)
    )


@rules.predicate
def area_of_own_gemeente(actor, area) -> bool:
    organisation = actor.organisation if actor is not None else None
    return (
        organisation is not None
        and area is not None
        and organisation.type == OrganisationType.GEMEENTE
        and organisation.cbs_code == area.gemeente_code
    )


ruleset.add_rule(
    "monitor.manage_areas",
    is_functioneel_beheerder & (in_platform_organisation | in_gemeente_organisation),
)
ruleset.add_rule(
    "monitor.change_area",
    is_functioneel_beheerder & (in_platform_organisation | area_of_own_gemeente),
)
