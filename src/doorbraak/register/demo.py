"""Demo entries of the Maatwerkregister and a few contact requests (idempotent).

For each national agency of the demo world a maatwerkfunctionaris serving every gemeente (the
CAK's also names Schiedam explicitly) and a team; for each of the 15 manifest gemeenten a
maatwerkfunctionaris sociaal domein and, for most, a schuldhulp team. A few entries were last
checked more than six months ago, so the register shows "verouderd". Contact details are
fictitious (``.demo.doorbraak.local``, 0800-numbers of the form 0800 000 0xxx).

Needs the demo world of ``core.demo.DemoLoader().load()``; contact requests are made only when
demo plans exist. No processing-log entries: demo data is loaded by the system, not read by a
person.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from doorbraak.core.demo import AGENCIES, MANIFEST_GEMEENTEN
from doorbraak.core.models import Organisation, OrganisationType, User
from doorbraak.households.models import MemberRole
from doorbraak.plans.models import Plan

from .models import ContactRequest, EntryKind, RegisterEntry, RequestStatus

# (agency short name, entry name, kind, mandate, domains, laws, explicit gemeenten)
AGENCY_ENTRIES = [
    (
        "UWV",
        "Maatwerkfunctionaris UWV",
        EntryKind.FUNCTIONARIS,
        "Kan binnen de uitvoering van WW, ZW, WIA en Wajong maatwerk toepassen: een "
        "terugvordering of verrekening tijdelijk aanhouden, een betalingsregeling op maat "
        "treffen en een beslissing met voorrang nemen.",
        ["financien", "werk_opleiding"],
        ["WW", "ZW", "WIA", "Wajong", "Awb"],
        [],
    ),
    (
        "UWV",
        "Team Maatwerk Re-integratie UWV",
        EntryKind.TEAM,
        "Stemt re-integratie bij UWV af met het plan van de gemeente en kan voorzieningen voor "
        "werk versneld inzetten.",
        ["werk_opleiding", "maatschappelijke_participatie"],
        ["WIA", "Wajong", "Participatiewet"],
        [],
    ),
    (
        "SVB",
        "Maatwerkfunctionaris SVB",
        EntryKind.FUNCTIONARIS,
        "Kan bij AOW, Anw en kinderbijslag een terugvordering aanhouden, een betaling "
        "versnellen en een persoonsgebonden budget (Wlz) met voorrang behandelen.",
        ["financien", "huiselijke_relaties"],
        ["AOW", "Anw", "AKW", "Wlz"],
        [],
    ),
    (
        "DUO",
        "Maatwerkfunctionaris DUO",
        EntryKind.FUNCTIONARIS,
        "Kan bij studiefinanciering en studieschuld een betalingsregeling of aflossingspauze "
        "treffen, een draagkrachtberekening met voorrang uitvoeren en invordering aanhouden.",
        ["financien", "werk_opleiding"],
        ["Wet studiefinanciering 2000", "WTOS"],
        [],
    ),
    (
        "DUO",
        "Team Schulden en Maatwerk DUO",
        EntryKind.TEAM,
        "Behandelt vragen van schuldhulpverleners over studieschuld en stemt invordering af "
        "met een schuldregeling.",
        ["financien"],
        ["Wet studiefinanciering 2000"],
        [],
    ),
    (
        "CAK",
        "Maatwerkfunctionaris CAK",
        EntryKind.FUNCTIONARIS,
        "Kan bij de bestuursrechtelijke premie Zvw en de eigen bijdrage Wmo/Wlz maatwerk "
        "toepassen: inhouding aanhouden, afmelden bij een stabilisatieovereenkomst of "
        "schuldregeling, en een betalingsregeling op maat.",
        ["financien", "lichamelijke_gezondheid"],
        ["Zvw", "Wmo 2015", "Wlz"],
        ["GM0606"],
    ),
    (
        "CAK",
        "Team Wanbetalersregeling CAK",
        EntryKind.TEAM,
        "Behandelt de wanbetalersregeling Zvw en de afmelding na een schuldregeling.",
        ["financien"],
        ["Zvw"],
        [],
    ),
    (
        "CJIB",
        "Maatwerkfunctionaris CJIB",
        EntryKind.FUNCTIONARIS,
        "Kan bij verkeersboetes en strafrechtelijke geldsancties de inning tijdelijk stoppen "
        "(noodstop), een betalingsregeling op maat treffen en verhogingen heroverwegen.",
        ["financien", "justitie"],
        ["Wet Mulder", "Wetboek van Strafvordering"],
        [],
    ),
    (
        "Toeslagen",
        "Maatwerkfunctionaris Toeslagen",
        EntryKind.FUNCTIONARIS,
        "Kan bij huurtoeslag, zorgtoeslag, kinderopvangtoeslag en kindgebonden budget een "
        "terugvordering aanhouden, een persoonlijke betalingsregeling treffen en een "
        "voorschot met voorrang herzien.",
        ["financien", "huisvesting"],
        ["Awir", "Wet op de huurtoeslag", "Wet op de zorgtoeslag", "Wet kinderopvang"],
        [],
    ),
    (
        "Toeslagen",
        "Team Persoonlijke Aanpak Toeslagen",
        EntryKind.TEAM,
        "Behandelt complexe situaties met meerdere toeslagen en stemt af met de gemeente.",
        ["financien", "huiselijke_relaties"],
        ["Awir"],
        [],
    ),
]

GEMEENTE_FUNCTIONARIS = (
    "Kan namens het college afwijken van beleidsregels in het sociaal domein (Awb art. 4:84), "
    "maatwerk toepassen in de Participatiewet, Wmo 2015 en Jeugdwet, en voorzieningen met "
    "voorrang toekennen (mandaatbesluit sociaal domein)."
)
GEMEENTE_SCHULDHULP = (
    "Kan schuldhulpverlening met voorrang starten bij dreigende ontruiming of afsluiting, "
    "een stabilisatieovereenkomst sluiten en bijzondere bijstand voor schulden toekennen."
)
SCHULDHULP_SKIPPED = {"GM0995", "GM0356"}  # two gemeenten with one entry only
OUTDATED = {
    "Team Wanbetalersregeling CAK",
    "Team Schulden en Maatwerk DUO",
    "Maatwerkfunctionaris Heerlen",
    "Team Schuldhulp Leeuwarden",
}

REQUESTS = [
    # (entry name, question, status, share identity, answer)
    (
        "Maatwerkfunctionaris CAK",
        "Het huishouden heeft een premieachterstand Zvw en een schuldregeling in "
        "voorbereiding. Kan de inhouding via het CAK worden aangehouden tot de regeling start?",
        RequestStatus.VERSTUURD,
        False,
        "",
    ),
    (
        "Maatwerkfunctionaris UWV",
        "Een terugvordering WW maakt de huur onbetaalbaar. Is een verrekening met een lager "
        "bedrag mogelijk zolang het plan loopt?",
        RequestStatus.BEANTWOORD,
        True,
        "Ja: de verrekening wordt drie maanden verlaagd; daarna volgt een betalingsregeling "
        "naar draagkracht.",
    ),
    (
        "Maatwerkfunctionaris Toeslagen",
        "De huurtoeslag is stopgezet na een verhuizing binnen de gemeente. Kan het voorschot "
        "met voorrang worden herzien?",
        RequestStatus.OPGELOST,
        False,
        "Het voorschot is herzien en de betaling hervat vanaf de volgende maand.",
    ),
]


def _email(slug: str, name: str) -> str:
    local = name.lower().replace(" ", "-").replace("/", "-")
    return f"{local}@{slug}.demo.doorbraak.local"


def _phone(n: int) -> str:
    return f"0800 000 0{n:03d}"


def _save(organisation, name, defaults, gemeenten) -> tuple[RegisterEntry, bool]:
    entry, created = RegisterEntry.objects.get_or_create(
        organisation=organisation, name=name, defaults=defaults
    )
    if created:
        entry.gemeenten.set(gemeenten)
    return entry, created


@transaction.atomic
def load_demo_register(today: datetime.date | None = None) -> int:
    """Create the demo entries and requests that are missing; return how many entries are new."""
    today = today or timezone.localdate()
    recent = today - datetime.timedelta(days=40)
    old = today - datetime.timedelta(days=240)
    gemeenten = {o.cbs_code: o for o in Organisation.objects.filter(type=OrganisationType.GEMEENTE)}
    created = 0
    number = 0

    agencies = {
        short: Organisation.objects.filter(
            name=name, type=OrganisationType.UITVOERINGSORGANISATIE
        ).first()
        for short, name, _slug in AGENCIES
    }
    slugs = {short: slug for short, _name, slug in AGENCIES}
    for short, name, kind, mandate, domains, laws, explicit in AGENCY_ENTRIES:
        number += 1
        organisation = agencies.get(short)
        if organisation is None:
            continue
        _entry, new = _save(
            organisation,
            name,
            {
                "kind": kind,
                "mandate": mandate,
                "domains": domains,
                "laws": laws,
                "nationwide": True,
                "email": _email(
                    slugs[short], "maatwerk" if kind == EntryKind.FUNCTIONARIS else name
                ),
                "phone": _phone(number),
                "availability": "Werkdagen 9.00–17.00 uur; e-mail binnen twee werkdagen.",
                "last_verified_on": old if name in OUTDATED else recent,
            },
            [gemeenten[c] for c in explicit if c in gemeenten],
        )
        created += new

    for code, slug, _colour, _teams in MANIFEST_GEMEENTEN:
        organisation = gemeenten.get(code)
        if organisation is None:
            continue
        town = organisation.name
        rows = [
            (
                f"Maatwerkfunctionaris {town}",
                EntryKind.FUNCTIONARIS,
                GEMEENTE_FUNCTIONARIS,
                ["financien", "huisvesting", "werk_opleiding", "huiselijke_relaties"],
                ["Participatiewet", "Wmo 2015", "Jeugdwet", "Awb"],
            )
        ]
        if code not in SCHULDHULP_SKIPPED:
            rows.append(
                (
                    f"Team Schuldhulp {town}",
                    EntryKind.TEAM,
                    GEMEENTE_SCHULDHULP,
                    ["financien", "huisvesting"],
                    ["Wet gemeentelijke schuldhulpverlening", "Participatiewet"],
                )
            )
        for name, kind, mandate, domains, laws in rows:
            number += 1
            _entry, new = _save(
                organisation,
                name,
                {
                    "kind": kind,
                    "mandate": mandate,
                    "domains": domains,
                    "laws": laws,
                    "region": "",
                    "email": _email(
                        slug, "maatwerk" if kind == EntryKind.FUNCTIONARIS else "schuldhulp"
                    ),
                    "phone": _phone(number),
                    "availability": "Werkdagen 8.30–17.00 uur.",
                    "last_verified_on": old if name in OUTDATED else recent,
                },
                [],
            )
            created += new

    _demo_requests()
    return created


def _demo_requests() -> None:
    plans = list(
        Plan.objects.filter(household__organisation__cbs_code__in=["GM0599", "GM0606"])
        .select_related("household__organisation", "created_by")
        .order_by("id")[: len(REQUESTS)]
    )
    now = timezone.now()
    for plan, (entry_name, question, status, share, answer) in zip(plans, REQUESTS, strict=False):
        entry = RegisterEntry.objects.filter(name=entry_name).select_related("organisation").first()
        if entry is None or ContactRequest.objects.filter(plan=plan, entry=entry).exists():
            continue
        applicant = plan.household.members.filter(role=MemberRole.AANVRAGER).first()
        share = share and applicant is not None
        receiver = User.objects.filter(
            memberships__organisation=entry.organisation, memberships__role="maatwerkfunctionaris"
        ).first()
        answered = status != RequestStatus.VERSTUURD
        ContactRequest.objects.create(
            plan=plan,
            entry=entry,
            from_organisation=plan.household.organisation,
            from_user=plan.created_by,
            question=question,
            share_identity=share,
            legal_basis="Toestemming van de aanvrager, vastgelegd in het dossier." if share else "",
            shared_person=applicant if share else None,
            status=status,
            answer=answer,
            answered_by=receiver if answered else None,
            answered_at=now - datetime.timedelta(days=3) if answered else None,
            resolved_at=now - datetime.timedelta(days=1)
            if status == RequestStatus.OPGELOST
            else None,
            created_at=now - datetime.timedelta(days=7),
        )
