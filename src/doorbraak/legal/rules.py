from doorbraak.core.permissions import is_member, ruleset

# The legal catalogue is public knowledge: every member may read it.
ruleset.add_rule("legal.view_catalogue", is_member)
