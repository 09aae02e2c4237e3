"""Permission rules, written as ``rules`` predicates over an ``Actor``.

Each app adds its rules to ``ruleset`` in its own ``rules.py``; views and selectors ask
``can(actor, "app.action", obj)``. Object rules return False for another organisation's
objects; the views turn that into 404 so that existence is not revealed.
"""

import rules

from .roles import Role

ruleset = rules.RuleSet()


def can(actor, permission: str, obj=None) -> bool:
    return ruleset.test_rule(permission, actor, obj)


def has_role(*roles: str):
    names = "_".join(roles)

    @rules.predicate(name=f"has_role_{names}")
    def predicate(actor) -> bool:
        return actor is not None and actor.has_role(*roles)

    return predicate


@rules.predicate
def is_member(actor) -> bool:
    return actor is not None and actor.membership is not None


@rules.predicate
def in_platform_organisation(actor) -> bool:
    organisation = actor.organisation if actor is not None else None
    return organisation is not None and organisation.manages_platform


@rules.predicate
def owns_object(actor, obj) -> bool:
    """The object belongs to the actor's organisation (``obj.organisation``)."""
    organisation = actor.organisation if actor is not None else None
    return organisation is not None and obj is not None and obj.organisation_id == organisation.pk


is_functioneel_beheerder = has_role(Role.FUNCTIONEEL_BEHEERDER)
is_privacy_officer = has_role(Role.PRIVACY_OFFICER)
