from doorbraak.core.permissions import has_role, is_member, ruleset
from doorbraak.core.roles import Role

# The team's follow-up: plans awaiting a decision, overdue actions, households without contact.
ruleset.add_rule("followup.view_team", has_role(Role.TEAMLEIDER))
# Everyone with a role reads their own notifications; one notification is checked per user
# in selectors.notification_of (another user's notification is 404).
ruleset.add_rule("followup.view_notifications", is_member)
