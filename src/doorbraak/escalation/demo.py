"""Demo data of the escalation route (idempotent): loket cases in every state from the demo
plans, a LET session with decisions (open, overdue, done), an open and a settled overbrugging,
and knelpunten recorded from loket cases spread over the last quarters.

Needs the demo world (``core.demo.DemoLoader``: the national loket with user ``loket.let``) and
the demo plans (``households.demo``). Without them it creates nothing and returns 0. No
processing-log entries: demo data is loaded by the system, not read by a person.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from doorbraak.core.models import Organisation, OrganisationType, User
from doorbraak.plans.models import Plan

from . import workflow
from .models import (
    DecisionStatus,
    EventKind,
    Knelpunt,
    KnelpuntStatus,
    LetDecision,
    LetSession,
    LoketCase,
    LoketEvent,
    LoketStatus,
    Milestone,
    Overbrugging,
)
from .selectors import working_days_for
from .worktime import add_working_days

LOKET_NAME = "Landelijk Maatwerkloket en LET"
MINISTRY_NAME = "Ministerie van Sociale Zaken en Werkgelegenheid (demo)"
MARK = "[demo]"

# One case per state: (status, days ago submitted, life domains, laws, agencies, question).
CASES = [
    (
        LoketStatus.INGEDIEND,
        9,
        ["financien", "lichamelijke_gezondheid"],
        "Zvw art. 18c; Wgs art. 4a",
        ["CAK"],
        "Kan de bestuursrechtelijke premie worden gestopt nu de schuldregeling start?",
    ),
    (
        LoketStatus.IN_BEHANDELING,
        6,
        ["werk_opleiding", "financien"],
        "WSF 2000 art. 6.1; Participatiewet art. 18",
        ["DUO"],
        "Studieschuld blokkeert de re-integratie: is kwijtschelding of uitstel mogelijk?",
    ),
    (
        LoketStatus.ADVIES_GEGEVEN,
        30,
        ["huisvesting", "financien"],
        "Wet op de huurtoeslag art. 13",
        ["Toeslagen"],
        "De huurgrens sluit de enige passende woning uit: welke route is er?",
    ),
    (
        LoketStatus.BIJ_LET,
        40,
        ["financien", "justitie"],
        "Wahv art. 23; Invorderingswet 1990 art. 26",
        ["CJIB", "Toeslagen"],
        "Verhogingen op verkeersboetes lopen door tijdens de schuldregeling.",
    ),
    (
        LoketStatus.OVERBRUGGING,
        55,
        ["geestelijke_gezondheid", "huisvesting"],
        "Wmo 2015 art. 2.3.5; Wlz art. 3.2.1",
        ["CAK"],
        "Beschermd wonen: gemeente en zorgkantoor wijzen naar elkaar, de jongere wordt 18.",
    ),
    (
        LoketStatus.BELEIDSVRAAG,
        70,
        ["werk_opleiding", "financien"],
        "Participatiewet art. 58; WW art. 36",
        ["UWV"],
        "Terugvordering na samenloop WW en bijstand: de wet biedt geen ruimte.",
    ),
    (
        LoketStatus.AFGEROND,
        120,
        ["financien", "sociaal_netwerk"],
        "AKW art. 7; Awir art. 49",
        ["SVB", "Toeslagen"],
        "Kinderbijslag en toeslag stoppen tegelijk na verhuizing van een kind.",
    ),
]

ENTRY_TEST = {
    "tried_locally": (
        "Wijkteam en schuldhulpverlening hebben met de inwoner een plan gemaakt; de teamleider "
        "heeft de inherente afwijkingsbevoegdheid overwogen."
    ),
    "tried_regionally": (
        "Via het Maatwerkregister de maatwerkfunctionaris van de betrokken organisatie "
        "benaderd; regionaal overleg zonder uitkomst."
    ),
    "who_involved": "Wijkteam, schuldhulpverlening, maatwerkfunctionarissen van de organisaties.",
    "why_failed": "De organisaties zien geen ruimte in hun eigen regels om af te wijken.",
}


def _days_ago(today, days: int) -> datetime.datetime:
    moment = datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time(10))
    return timezone.make_aware(moment)


def _agencies() -> dict[str, Organisation]:
    return {
        o.short_name: o
        for o in Organisation.objects.filter(type=OrganisationType.UITVOERINGSORGANISATIE)
        if o.short_name
    }


def _event(case, by, organisation, at, kind, text="", from_status="", to_status=""):
    LoketEvent.objects.create(
        case=case,
        by=by,
        by_organisation=organisation,
        at=at,
        kind=kind,
        text=text,
        from_status=from_status,
        to_status=to_status,
    )


def _case(plan, spec, handler, loket, ministry, agencies, today) -> LoketCase:
    status, ago, domains, laws, names, question = spec
    household = plan.household
    submitted = _days_ago(today, ago)
    day = submitted.date()
    case = LoketCase.objects.create(
        plan=plan,
        team=household.team,
        submitted_by=plan.created_by,
        submitted_at=submitted,
        household_reference=household.reference,
        household_uuid=household.uuid,
        gemeente=household.organisation,
        life_domains=domains,
        laws=laws,
        question=f"{question} {MARK}",
        first_response_due=add_working_days(day, working_days_for(Milestone.EERSTE_REACTIE)),
        decision_due=add_working_days(day, working_days_for(Milestone.BESLUIT)),
        **ENTRY_TEST,
    )
    case.organisations.set([agencies[n] for n in names if n in agencies])
    _event(
        case,
        plan.created_by,
        household.organisation,
        submitted,
        EventKind.STATUS,
        to_status=LoketStatus.INGEDIEND,
    )
    if status == LoketStatus.INGEDIEND:
        return case  # submitted 9 days ago, no response: the first response is overdue
    # The path a case in this state took, with a day or two between steps.
    path = {
        LoketStatus.IN_BEHANDELING: [workflow.IN_BEHANDELING],
        LoketStatus.ADVIES_GEGEVEN: [workflow.IN_BEHANDELING, workflow.ADVIES_GEGEVEN],
        LoketStatus.BIJ_LET: [workflow.IN_BEHANDELING, workflow.BIJ_LET],
        LoketStatus.OVERBRUGGING: [workflow.IN_BEHANDELING, workflow.OVERBRUGGING],
        LoketStatus.BELEIDSVRAAG: [workflow.IN_BEHANDELING, workflow.BELEIDSVRAAG],
        LoketStatus.AFGEROND: [
            workflow.IN_BEHANDELING,
            workflow.ADVIES_GEGEVEN,
            workflow.AFGEROND,
        ],
    }[status]
    texts = {
        workflow.ADVIES_GEGEVEN: (
            "Vraag de maatwerkfunctionaris om toepassing van de hardheidsclausule en verwijs "
            "naar dit advies van het loket."
        ),
        workflow.BELEIDSVRAAG: "Ruimt de wet een afwijking in bij samenloop van WW en bijstand?",
        workflow.AFGEROND: "Beide uitkeringen zijn hersteld met terugwerkende kracht.",
    }
    previous = LoketStatus.INGEDIEND
    for n, step in enumerate(path, start=1):
        at = submitted + datetime.timedelta(days=2 * n)
        if case.first_response_at is None:
            case.first_response_at = at
        if step in workflow.DECIDED and case.decided_at is None:
            case.decided_at = at
        text = texts.get(step, "")
        if step == workflow.ADVIES_GEGEVEN:
            case.advice = text
        if step == workflow.BELEIDSVRAAG:
            case.routed_to = ministry
        if step == workflow.AFGEROND:
            case.outcome, case.closed_at = text, at
        _event(
            case,
            handler,
            loket,
            at,
            EventKind.STATUS,
            text=text,
            from_status=previous,
            to_status=step,
        )
        previous = step
    case.status = status
    case.handler = handler
    case.save()
    return case


@transaction.atomic
def load_demo_escalation() -> int:
    """Create the demo escalation data once; returns the number of objects created."""
    loket = Organisation.objects.filter(name=LOKET_NAME, type=OrganisationType.RIJK).first()
    handler = User.objects.filter(username="loket.let").first()
    if loket is None or handler is None:
        return 0
    if LoketCase.objects.filter(question__endswith=MARK).exists():
        return 0
    plans = list(
        Plan.objects.filter(household__team__isnull=False, created_by__isnull=False)
        .select_related("household__organisation", "household__team", "created_by")
        .order_by("id")[: 10 * len(CASES)]
    )
    # One plan per gemeente where possible, so the loket's list shows several gemeenten.
    chosen, seen = [], set()
    for plan in plans:
        if plan.household.organisation_id not in seen:
            chosen.append(plan)
            seen.add(plan.household.organisation_id)
    chosen += [p for p in plans if p not in chosen]
    if len(chosen) < len(CASES):
        return 0
    today = timezone.localdate()
    ministry, _ = Organisation.objects.get_or_create(
        name=MINISTRY_NAME,
        defaults={"type": OrganisationType.RIJK, "short_name": "SZW", "active": True},
    )
    agencies = _agencies()
    cases = {
        spec[0]: _case(plan, spec, handler, loket, ministry, agencies, today)
        for plan, spec in zip(chosen, CASES, strict=False)
    }
    created = len(cases)

    # A LET session three weeks ago with the case that went to the LET.
    let_case = cases[LoketStatus.BIJ_LET]
    session = LetSession.objects.create(
        held_on=today - datetime.timedelta(days=21),
        representatives=(
            "M. de Boer (CJIB)\nS. Yilmaz (Belastingdienst/Toeslagen)\n"
            "P. Jansen (Landelijk Maatwerkloket, voorzitter)"
        ),
        notes="Demo-sessie.",
        created_by=handler,
    )
    session.participants.set([o for n, o in agencies.items() if n in ("CJIB", "Toeslagen")])
    session.cases.add(let_case, cases[LoketStatus.OVERBRUGGING])
    cjib, toeslagen = agencies.get("CJIB", loket), agencies.get("Toeslagen", loket)
    decisions = [
        (let_case, "Verhogingen opschorten zolang de schuldregeling loopt.", cjib, -7, None),
        (let_case, "Toeslag herberekenen en terugvordering pauzeren.", toeslagen, 14, None),
        (
            cases[LoketStatus.OVERBRUGGING],
            "Gemeente financiert beschermd wonen voor; verrekening via overbrugging.",
            cases[LoketStatus.OVERBRUGGING].gemeente,
            -3,
            today - datetime.timedelta(days=10),
        ),
    ]
    for case, what, responsible, deadline_in, done_on in decisions:
        LetDecision.objects.create(
            session=session,
            case=case,
            what=what,
            responsible_organisation=responsible,
            deadline=today + datetime.timedelta(days=deadline_in),
            status=DecisionStatus.AFGEROND if done_on else DecisionStatus.OPEN,
            done_on=done_on,
            done_note="Uitgevoerd (demo)." if done_on else "",
            recorded_by=handler,
            recorded_at=_days_ago(today, 21),
        )
        _event(
            case, handler, loket, _days_ago(today, 21), EventKind.LET, text=f"LET-besluit: {what}"
        )
    created += 1 + len(decisions)

    # Overbrugging: one open (age in months), one settled from the closed case.
    open_case = cases[LoketStatus.OVERBRUGGING]
    Overbrugging.objects.create(
        loket_case=open_case,
        support="Beschermd wonen met begeleiding start direct.",
        voorfinancier=open_case.gemeente,
        starts_on=today - datetime.timedelta(days=48),
        regimes=["wmo", "wlz", "18-18plus"],
        created_by=handler,
    )
    closed_case = cases[LoketStatus.AFGEROND]
    Overbrugging.objects.create(
        loket_case=closed_case,
        support="Kinderbijslag en toeslag doorbetaald tijdens het onderzoek.",
        voorfinancier=closed_case.gemeente,
        starts_on=today - datetime.timedelta(days=115),
        regimes=["participatiewet"],
        created_by=handler,
        final_payer=agencies.get("SVB", closed_case.gemeente),
        amount=Decimal("2841.60"),
        settled_on=today - datetime.timedelta(days=20),
        settlement_note="SVB betaalt met terugwerkende kracht (demo).",
        settled_by=handler,
    )
    created += 2

    # Knelpunten from loket cases, over the last four quarters.
    knelpunten = [
        (
            cases[LoketStatus.BIJ_LET],
            "Wet administratiefrechtelijke handhaving verkeersvoorschriften",
            "23",
            "CJIB",
            "wettekst",
            KnelpuntStatus.GEESCALEERD,
            40,
        ),
        (
            cases[LoketStatus.BELEIDSVRAAG],
            "Participatiewet",
            "58",
            "Gemeente",
            "wettekst",
            KnelpuntStatus.OPEN,
            68,
        ),
        (
            cases[LoketStatus.OVERBRUGGING],
            "Wet langdurige zorg",
            "3.2.1",
            "Zorgkantoor",
            "financiering",
            KnelpuntStatus.GEESCALEERD,
            150,
        ),
        (
            cases[LoketStatus.AFGEROND],
            "Algemene Kinderbijslagwet",
            "7",
            "SVB",
            "ict",
            KnelpuntStatus.OPGELOST,
            250,
        ),
        (
            cases[LoketStatus.ADVIES_GEGEVEN],
            "Wet op de huurtoeslag",
            "13",
            "Belastingdienst/Toeslagen",
            "uitvoeringsbeleid",
            KnelpuntStatus.OPEN,
            300,
        ),
    ]
    texts = {
        "wettekst": "De wettekst laat geen afwijking toe, ook niet als de uitkomst onredelijk is.",
        "financiering": "Geen van de stelsels wil betalen zolang de indicatie niet rond is.",
        "ict": "Het systeem stopt beide betalingen automatisch bij een adreswijziging.",
        "uitvoeringsbeleid": "De beleidsregel kent geen hardheidsclausule voor deze situatie.",
    }
    for case, law, article, blocking, kind, status, ago in knelpunten:
        Knelpunt.objects.create(
            loket_case=case,
            organisation=loket,
            law=law,
            article=article,
            blocking_organisation=blocking,
            what_blocks=texts[kind],
            kind=kind,
            status=status,
            recorded_by=handler,
            recorded_at=_days_ago(today, ago),
        )
    created += len(knelpunten)
    return created
