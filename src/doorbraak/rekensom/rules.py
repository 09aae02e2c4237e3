from doorbraak.core.permissions import has_role, is_member, ruleset
from doorbraak.core.roles import Role

# The catalogue is public knowledge: every member may read it.
ruleset.add_rule("rekensom.view_catalogue", is_member)
# A gemeente's own amounts: its functioneel beheerder (checked to be a gemeente in the view).
ruleset.add_rule("rekensom.manage_local_amounts", has_role(Role.FUNCTIONEEL_BEHEERDER))
# Programme totals: aggregated amounts for analysts and the national loket.
ruleset.add_rule(
    "rekensom.view_programme_totals",
    has_role(Role.ANALIST, Role.LOKET, Role.TEAMLEIDER, Role.FUNCTIONEEL_BEHEERDER),
)
