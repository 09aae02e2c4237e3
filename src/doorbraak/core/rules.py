from .permissions import is_functioneel_beheerder, is_member, owns_object, ruleset

ruleset.add_rule("core.view_home", is_member)
ruleset.add_rule("core.manage_api_clients", is_functioneel_beheerder)
ruleset.add_rule("core.revoke_api_client", is_functioneel_beheerder & owns_object)
