from doorbraak.core.permissions import has_role, ruleset
from doorbraak.core.roles import Role

is_team_member = has_role(Role.PROFESSIONAL, Role.TEAMLEIDER)

ruleset.add_rule("households.view_caseload", is_team_member)
ruleset.add_rule("households.create", is_team_member)
# Opening one household: checked per object by selectors.household_access (team or share).
ruleset.add_rule(
    "households.search",
    has_role(
        Role.PROFESSIONAL,
        Role.TEAMLEIDER,
        Role.MAATWERKFUNCTIONARIS,
    ),
)
ruleset.add_rule("households.erase", has_role(Role.TEAMLEIDER))
