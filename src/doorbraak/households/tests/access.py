"""How the household URLs may be reached (read by the access harness).

Objects belong to a household of the given organisation, in a team of that organisation. The
harness's positive control logs in as the owner organisation's member with the role; team roles
must be in the household's own team, so ``foreign_object`` puts the household in the team the
harness gave the member when it can (``team_of``).
"""

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import UrlAccess, team_for

from .factories import GroundFactory, HouseholdFactory, PersonFactory, household_of

TEAM = {Role.PROFESSIONAL, Role.TEAMLEIDER}


def _household(organisation):
    return {"uuid": household_of(organisation, team=team_for(organisation)).uuid}


def _person(organisation):
    household = household_of(organisation, team=team_for(organisation))
    return {"uuid": household.uuid, "person_uuid": household.members.first().uuid}


def _ground(organisation):
    household = household_of(organisation, team=team_for(organisation))
    return {"uuid": household.uuid, "ground_uuid": GroundFactory(household=household).uuid}


def _share(organisation):
    from doorbraak.core.tests.factories import member

    from .factories import share_with

    household = household_of(organisation, team=team_for(organisation))
    share = share_with(household, member(role=Role.MAATWERKFUNCTIONARIS))
    return {"uuid": household.uuid, "share_uuid": share.uuid}


def _applicant_name(organisation):
    household = household_of(organisation, team=team_for(organisation))
    person = household.members.first()
    person.achternaam = f"Geheimnaam{organisation.pk}"
    person.save()
    return person.achternaam


URLS = {
    "households:list": UrlAccess(roles=TEAM, leak_marker=_applicant_name),
    "households:create": UrlAccess(roles=TEAM),
    "households:search": UrlAccess(roles=TEAM | {Role.MAATWERKFUNCTIONARIS}),
    "households:detail": UrlAccess(roles=TEAM, foreign_object=_household),
    "households:person-create": UrlAccess(roles=TEAM, foreign_object=_household),
    "households:person-edit": UrlAccess(roles=TEAM, foreign_object=_person),
    "households:ground-create": UrlAccess(roles=TEAM, foreign_object=_household),
    "households:ground-withdraw": UrlAccess(roles=TEAM, foreign_object=_ground, methods=("POST",)),
    "households:share-create": UrlAccess(roles=TEAM, foreign_object=_household),
    "households:share-end": UrlAccess(roles=TEAM, foreign_object=_share, methods=("POST",)),
    "households:transfer": UrlAccess(roles=TEAM, foreign_object=_household),
    "households:assessments": UrlAccess(roles=TEAM, foreign_object=_household),
    "households:assessment-create": UrlAccess(roles=TEAM, foreign_object=_household),
    "households:contact": UrlAccess(roles=TEAM, foreign_object=_household, methods=("POST",)),
}

# Rights of the data subject (AVG art. 15–17): the household's own team; erasure: teamleider.
URLS.update(
    {
        "households:person-export-json": UrlAccess(roles=TEAM, foreign_object=_person),
        "households:person-export-pdf": UrlAccess(roles=TEAM, foreign_object=_person),
        "households:person-erase": UrlAccess(
            roles={Role.TEAMLEIDER}, foreign_object=_person, methods=("GET", "POST")
        ),
    }
)

__all__ = ["HouseholdFactory", "PersonFactory"]
