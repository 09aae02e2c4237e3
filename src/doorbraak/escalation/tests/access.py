"""How the escalation URLs may be reached (read by the access harness).

Loket staff hold the role ``loket`` in a ``rijk`` organisation: the harness's own organisation
is a gemeente, where that role gives nothing (403), so loket access is proven through
``platform_roles`` (the platform organisation is ``rijk``). A maatwerkfunctionaris sees what is
addressed to their organisation: objects here are addressed to the *other* organisation, so the
owner's maatwerkfunctionaris is the positive control and ours gets 404.
"""

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import UrlAccess

from . import factories

TEAM = {Role.PROFESSIONAL, Role.TEAMLEIDER}
MF = {Role.MAATWERKFUNCTIONARIS}
LOKET = {Role.LOKET}


def _plan(organisation):
    return {"uuid": factories.plan_in_team(organisation).uuid}


def _case(organisation):
    return {"uuid": factories.loket_case(organisation).uuid}


def _case_with_attachment(organisation):
    from doorbraak.escalation.models import LoketAttachment

    case = factories.loket_case(organisation)
    attachment = LoketAttachment.objects.create(
        case=case, name="brief.pdf", content_type="application/pdf", size=8, data=b"%PDF-1.4"
    )
    return {"uuid": case.uuid, "attachment_uuid": attachment.uuid}


def _case_marker(organisation):
    factories.loket_case(organisation, question=f"Geheime-vraag-{organisation.pk}")
    return f"Geheime-vraag-{organisation.pk}"


def _session(_organisation):
    return {"uuid": factories.let_session().uuid}


def _decision(organisation):
    return {"uuid": factories.let_decision(organisation).uuid}


def _decision_marker(organisation):
    factories.let_decision(organisation, what=f"Besluit-geheim-{organisation.pk}")
    return f"Besluit-geheim-{organisation.pk}"


def _overbrugging(organisation):
    return {"uuid": factories.overbrugging(organisation).uuid}


def _overbrugging_marker(organisation):
    factories.overbrugging(organisation, support=f"Steun-geheim-{organisation.pk}")
    return f"Steun-geheim-{organisation.pk}"


def _knelpunt(organisation):
    return {"uuid": factories.knelpunt(organisation).uuid}


def _knelpunt_plan_marker(organisation):
    """A knelpunt from a plan: the national view must not show the household reference."""
    from doorbraak.escalation.models import Knelpunt

    plan = factories.plan_in_team(organisation)
    Knelpunt.objects.create(
        plan=plan,
        organisation=organisation,
        law="Participatiewet",
        article="58",
        blocking_organisation="Gemeente",
        what_blocks="Terugvordering blokkeert de regeling.",
    )
    return plan.household.reference


URLS = {
    "escalation:plan-loket": UrlAccess(roles=TEAM, foreign_object=_plan, methods=("GET", "POST")),
    "escalation:cases": UrlAccess(roles=TEAM | MF, platform_roles=LOKET, leak_marker=_case_marker),
    "escalation:case": UrlAccess(roles=TEAM, foreign_object=_case, platform_roles=LOKET),
    "escalation:triage": UrlAccess(
        roles=set(), foreign_object=_case, platform_roles=LOKET, methods=("POST",)
    ),
    "escalation:attachment-add": UrlAccess(roles=TEAM, foreign_object=_case, methods=("POST",)),
    "escalation:attachment": UrlAccess(
        roles=TEAM, foreign_object=_case_with_attachment, platform_roles=LOKET
    ),
    "escalation:case-knelpunt": UrlAccess(
        roles=set(), foreign_object=_case, platform_roles=LOKET, methods=("POST",)
    ),
    "escalation:case-overbrugging": UrlAccess(
        roles=set(), foreign_object=_case, platform_roles=LOKET, methods=("POST",)
    ),
    "escalation:service-levels": UrlAccess(
        roles=set(), platform_roles={Role.FUNCTIONEEL_BEHEERDER}, methods=("GET", "POST")
    ),
    "escalation:sessions": UrlAccess(roles=set(), platform_roles=LOKET, methods=("GET", "POST")),
    "escalation:session": UrlAccess(roles=set(), foreign_object=_session, platform_roles=LOKET),
    "escalation:session-agenda": UrlAccess(
        roles=set(), foreign_object=_session, platform_roles=LOKET, methods=("POST",)
    ),
    "escalation:session-decision": UrlAccess(
        roles=set(), foreign_object=_session, platform_roles=LOKET, methods=("POST",)
    ),
    "escalation:decisions": UrlAccess(roles=MF, platform_roles=LOKET, leak_marker=_decision_marker),
    "escalation:decision-follow-up": UrlAccess(
        roles=MF, foreign_object=_decision, platform_roles=LOKET, methods=("POST",)
    ),
    "escalation:overbruggingen": UrlAccess(
        roles=MF, platform_roles=LOKET, leak_marker=_overbrugging_marker
    ),
    "escalation:overbrugging": UrlAccess(
        roles=MF, foreign_object=_overbrugging, platform_roles=LOKET
    ),
    "escalation:overbrugging-settle": UrlAccess(
        roles=set(), foreign_object=_overbrugging, platform_roles=LOKET, methods=("POST",)
    ),
    # The national register is anonymised and platform-wide; the plan's household never shows.
    "escalation:knelpunten": UrlAccess(
        roles={Role.ANALIST}, platform_roles=LOKET, leak_marker=_knelpunt_plan_marker
    ),
    "escalation:knelpunt-status": UrlAccess(
        roles=set(), foreign_object=_knelpunt, shared=True, platform_roles=LOKET, methods=("POST",)
    ),
    "escalation:report": UrlAccess(roles={Role.ANALIST}, platform_roles=LOKET),
    "escalation:report-csv": UrlAccess(roles={Role.ANALIST}, platform_roles=LOKET),
}

URLS.update(
    {
        "api:loket-cases": UrlAccess(
            roles=TEAM | MF, platform_roles=LOKET, api=True, leak_marker=_case_marker
        ),
        "api:loket-case": UrlAccess(
            roles=TEAM, foreign_object=_case, platform_roles=LOKET, api=True
        ),
        "api:plan-loket-cases": UrlAccess(
            roles=TEAM, foreign_object=_plan, methods=("GET", "POST"), api=True
        ),
        "api:knelpunten-report": UrlAccess(roles={Role.ANALIST}, platform_roles=LOKET, api=True),
    }
)
