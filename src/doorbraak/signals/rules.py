"""Who may do what in vroegsignalering.

Signals carry the personal data of residents who did not ask for help: only the
vroegsignalering team of the receiving gemeente sees them (Wgs art. 3 lid 3/4). The creditor
sees its own deliveries and, per signal, only "opgepakt" or "niet opgepakt".
"""

import rules

from doorbraak.core.models import OrganisationType
from doorbraak.core.permissions import has_role, in_platform_organisation, owns_object, ruleset
from doorbraak.core.roles import SYSTEM_CLIENT_ROLE, Role


@rules.predicate
def in_creditor(actor) -> bool:
    organisation = actor.organisation if actor is not None else None
    return organisation is not None and organisation.type == OrganisationType.CREDITEUR


@rules.predicate
def in_gemeente(actor) -> bool:
    organisation = actor.organisation if actor is not None else None
    return organisation is not None and organisation.type == OrganisationType.GEMEENTE


@rules.predicate
def sent_by_actor(actor, delivery) -> bool:
    organisation = actor.organisation if actor is not None else None
    return (
        organisation is not None
        and delivery is not None
        and (delivery.creditor_id == organisation.pk)
    )


is_team = has_role(Role.VROEGSIGNALERING)
is_beheerder = has_role(Role.FUNCTIONEEL_BEHEERDER)

# Creditors: upload files and follow their deliveries (staff), or send through the API.
ruleset.add_rule(
    "signals.deliver", in_creditor & has_role(Role.FUNCTIONEEL_BEHEERDER, Role.PROFESSIONAL)
)
ruleset.add_rule("signals.deliver_api", in_creditor & has_role(SYSTEM_CLIENT_ROLE))
ruleset.add_rule(
    "signals.view_delivery",
    in_creditor
    & has_role(Role.FUNCTIONEEL_BEHEERDER, Role.PROFESSIONAL, SYSTEM_CLIENT_ROLE)
    & sent_by_actor,
)

# The gemeente's vroegsignalering team: the work queue, cases, contact attempts, outcomes.
ruleset.add_rule("signals.work", in_gemeente & is_team)
ruleset.add_rule("signals.work_case", in_gemeente & is_team & owns_object)

# The gemeente's functioneel beheerder: settings, legal checks, postcode table, DDAS.
ruleset.add_rule("signals.manage", in_gemeente & is_beheerder)
ruleset.add_rule("signals.ddas", in_gemeente & (is_beheerder | is_team))
ruleset.add_rule("signals.ddas_api", in_gemeente & has_role(SYSTEM_CLIENT_ROLE))

# Signals that could not be routed wait for the platform's functioneel beheerder.
ruleset.add_rule("signals.route", in_platform_organisation & is_beheerder)

# Aggregated figures (small cells suppressed): the team, its leaders and analysts.
ruleset.add_rule(
    "signals.monitor",
    in_gemeente & has_role(Role.VROEGSIGNALERING, Role.TEAMLEIDER, Role.ANALIST),
)

# CJIB noodstop: from a household file, by the household's team (checked per household).
ruleset.add_rule(
    "signals.noodstop",
    in_gemeente & has_role(Role.PROFESSIONAL, Role.TEAMLEIDER, Role.VROEGSIGNALERING),
)
