from doorbraak.core.permissions import (
    in_platform_organisation,
    is_functioneel_beheerder,
    is_privacy_officer,
    ruleset,
)

ruleset.add_rule("audit.view_log", is_privacy_officer)
ruleset.add_rule("audit.view_register", is_privacy_officer | is_functioneel_beheerder)
ruleset.add_rule("audit.change_register", is_functioneel_beheerder & in_platform_organisation)
