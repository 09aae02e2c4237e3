import rules

from doorbraak.core.permissions import has_role, is_member, ruleset
from doorbraak.core.roles import SYSTEM_CLIENT_ROLE, Role

from .models import REGISTER_ORGANISATION_TYPES


@rules.predicate
def in_register_organisation(actor) -> bool:
    """Gemeenten and national agencies keep entries; creditors and the loket do not."""
    organisation = actor.organisation if actor is not None else None
    return organisation is not None and organisation.type in REGISTER_ORGANISATION_TYPES


# The register holds no personal data: every member of every organisation may search it.
ruleset.add_rule("register.search", is_member)
# An organisation keeps its own entries through its functioneel beheerder.
ruleset.add_rule("register.manage", has_role(Role.FUNCTIONEEL_BEHEERDER) & in_register_organisation)
# Requests addressed to the organisation's entries: its maatwerkfunctionarissen and beheerder.
ruleset.add_rule("register.inbox", has_role(Role.MAATWERKFUNCTIONARIS, Role.FUNCTIONEEL_BEHEERDER))
# The same through the API, also for the organisation's own system.
ruleset.add_rule(
    "register.inbox_api",
    has_role(Role.MAATWERKFUNCTIONARIS, Role.FUNCTIONEEL_BEHEERDER, SYSTEM_CLIENT_ROLE),
)
# Sending a request from a plan: the household's team (checked per plan by the selector).
ruleset.add_rule("register.send_request", has_role(Role.PROFESSIONAL, Role.TEAMLEIDER))
