from doorbraak.core.permissions import has_role, ruleset
from doorbraak.core.roles import Role

ruleset.add_rule("youth.view_list", has_role(Role.PROFESSIONAL, Role.TEAMLEIDER))
# One young person's Big 5: checked per object through the household
# (selectors.young_person_access: the household's team, or an active share; changes: team only).
