"""Who may use the national escalation route.

Loket staff hold the role ``loket`` in a ``rijk`` organisation (the Landelijk Maatwerkloket and
LET); the same role in a gemeente gives nothing here. Agencies' maatwerkfunctionarissen see what
is addressed to their organisation; the household's team sees its own cases. Which object an
actor may open is decided by ``selectors`` (404 for anything else).
"""

import rules

from doorbraak.core.models import OrganisationType
from doorbraak.core.permissions import has_role, ruleset
from doorbraak.core.roles import Role


@rules.predicate
def in_rijk_organisation(actor) -> bool:
    organisation = actor.organisation if actor is not None else None
    return organisation is not None and organisation.type == OrganisationType.RIJK


is_team_member = has_role(Role.PROFESSIONAL, Role.TEAMLEIDER)
is_maatwerkfunctionaris = has_role(Role.MAATWERKFUNCTIONARIS)
is_loket_staff = has_role(Role.LOKET) & in_rijk_organisation

ruleset.add_rule("escalation.view_cases", is_team_member | is_maatwerkfunctionaris | is_loket_staff)
ruleset.add_rule("escalation.triage", is_loket_staff)
ruleset.add_rule("escalation.manage_let", is_loket_staff)
ruleset.add_rule("escalation.view_let_decisions", is_maatwerkfunctionaris | is_loket_staff)
ruleset.add_rule("escalation.view_overbruggingen", is_maatwerkfunctionaris | is_loket_staff)
ruleset.add_rule("escalation.manage_overbruggingen", is_loket_staff)
# The anonymised national register and its report: for the loket and analysts.
ruleset.add_rule("escalation.view_knelpunten", has_role(Role.ANALIST) | is_loket_staff)
ruleset.add_rule("escalation.manage_knelpunten", is_loket_staff)
ruleset.add_rule(
    "escalation.manage_service_levels",
    has_role(Role.FUNCTIONEEL_BEHEERDER) & in_rijk_organisation,
)
