"""Demo data of vroegsignalering (idempotent, synthetic — no real people, no real postcodes).

For Rotterdam (GM0599), Utrecht (GM0344) and Schiedam (GM0606): signals from the four demo
creditors of ``core.demo.CREDITORS`` (Huur, Energie, Water, Zorg) over the last three months,
cases in every state (new, overdue, contacted, reached, offer made, accepted, closed with and
without help, not taken up) with contact attempts, some households already known on the
platform, signals still waiting to be matched, one signal nobody could route, and a demo
postcode table for the demo addresses (source marked DEMO).

Signals are keyed by (creditor, ``DEMO-<gemeente>-<n>``), cases, deliveries and contact
attempts by fixed uuids: loading twice changes nothing. BSNs are synthetic numbers that pass the
elfproef (``999…``, the range of test persons). No processing-log entries: demo data is loaded
by the system, not read by a person.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from doorbraak.core.demo import CREDITORS, FIRST_NAMES, LAST_NAMES
from doorbraak.core.models import CreditorKind, Organisation, OrganisationType, Team, User
from doorbraak.households.models import Household

from .codes import Contactsoort, Dagdeel, Eindresultaat, Signaalpartner, Signaalstatus
from .models import (
    CaseKind,
    CaseStatus,
    Channel,
    ContactAttempt,
    Delivery,
    DeliveryStatus,
    Feedback,
    PostcodeArea,
    RoutingStatus,
    Signal,
    SignalCase,
    address_key,
)

NAMESPACE = uuid.UUID("6f1c2b7e-0d4a-4c38-9a61-5d0e7c9b2a10")
SOURCE = "DEMO — fictieve postcodes voor de demo, geen echte indeling"

PARTNER_OF = {
    CreditorKind.WONINGCORPORATIE: Signaalpartner.HUUR,
    CreditorKind.ENERGIE: Signaalpartner.ENERGIE,
    CreditorKind.DRINKWATER: Signaalpartner.WATER,
    CreditorKind.ZORGVERZEKERAAR: Signaalpartner.ZORG,
}

# (cbs code, user slug, town, postcode prefix, wijken, streets)
GEMEENTEN = [
    (
        "GM0599",
        "rotterdam",
        "Rotterdam",
        "3071",
        ["WK059915", "WK059916"],
        ["Hilledijk", "Putselaan"],
    ),
    (
        "GM0344",
        "utrecht",
        "Utrecht",
        "3563",
        ["WK034406", "WK034407"],
        ["Bernadottelaan", "Zamenhofdreef"],
    ),
    (
        "GM0606",
        "schiedam",
        "Schiedam",
        "3117",
        ["WK060602", "WK060603"],
        ["Nieuwe Damlaan", "Gorzen"],
    ),
]

# (state, days ago matched, signal kinds, outcome or "")
CASES = [
    ("nieuw", 1, ["Huur"], ""),
    ("nieuw", 2, ["Energie", "Water"], ""),
    ("te-laat", 35, ["Zorg"], ""),
    ("benaderd", 10, ["Huur", "Energie"], ""),
    ("bereikt", 12, ["Water"], ""),
    ("aanbod", 20, ["Huur", "Zorg"], ""),
    ("aanvaard", 30, ["Energie"], ""),
    ("bekend", 8, ["Huur"], ""),
    ("gesloten", 60, ["Zorg"], Eindresultaat.GEEN_HULP_NODIG),
    ("gesloten", 55, ["Water"], Eindresultaat.ZELF_BETAALD),
    ("gesloten", 50, ["Huur", "Water", "Energie"], Eindresultaat.VERVOLGHULP_FINANCIEEL),
    ("gesloten", 45, ["Energie"], Eindresultaat.ADVIES_QUICK_FIX),
    ("gesloten", 70, ["Huur"], Eindresultaat.GEEN_CONTACT),
    ("gesloten", 40, ["Zorg"], Eindresultaat.HERHAALD),
    ("gesloten", 65, ["Water"], Eindresultaat.GEEN_INWONER),
]
WAITING = ["Huur", "Zorg", "Energie"]  # signals not matched yet, per gemeente


def demo_bsn(n: int) -> str:
    """A synthetic number of nine digits starting 999 that passes the elfproef."""
    while True:
        body = f"999{n % 100_000:05d}"
        total = sum(w * int(d) for w, d in zip((9, 8, 7, 6, 5, 4, 3, 2), body, strict=True))
        check = total % 11
        if check < 10:
            return body + str(check)
        n += 1


def _uuid(*parts) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "|".join(str(p) for p in parts))


def _creditors() -> dict[str, Organisation]:
    found = {}
    for name, kind, _slug in CREDITORS:
        creditor = Organisation.objects.filter(name=name, type=OrganisationType.CREDITEUR).first()
        if creditor is not None:
            found[PARTNER_OF[kind]] = creditor
    return found


def _delivery(creditor: Organisation, code: str) -> Delivery:
    delivery, _created = Delivery.objects.get_or_create(
        uuid=_uuid("delivery", creditor.name, code),
        defaults={
            "creditor": creditor,
            "channel": Channel.API,
            "file_name": "demo-vroegsignalen.json",
            "file_format": "json",
            "gemeente_code": code,
            "status": DeliveryStatus.PROCESSED,
            "processed_at": timezone.now(),
        },
    )
    return delivery


class _Maker:
    def __init__(self, today: datetime.date):
        self.today = today
        self.created = 0
        self.n = 0

    def signal(
        self, gemeente, code, town, creditor, partner, number, person, address, day, **extra
    ):
        external_id = f"DEMO-{code}-{number:03d}"
        existing = Signal.objects.filter(creditor=creditor, external_id=external_id).first()
        if existing is not None:
            return existing, False
        postcode, huisnummer, street, wijk = address
        first = FIRST_NAMES[person % len(FIRST_NAMES)]
        signal = Signal(
            delivery=_delivery(creditor, code),
            creditor=creditor,
            external_id=external_id,
            signaalpartner=partner,
            crisissignaal=number % 11 == 0,
            bedrag=Decimal(180 + (number * 137) % 1400) + Decimal("0.45"),
            signaaldatum=day,
            ontstaansdatum=day - datetime.timedelta(days=35 + number % 50),
            aanmaningsdatum=day - datetime.timedelta(days=14),
            delen_aangeboden=partner == Signaalpartner.HUUR or None,
            voorletters=f"{first[0]}.",
            achternaam=LAST_NAMES[(person * 7) % len(LAST_NAMES)],
            geboortedatum=datetime.date(1955 + person % 45, 1 + person % 12, 1 + person % 28),
            straatnaam=street,
            postcode=postcode,
            huisnummer=huisnummer,
            plaatsnaam=town,
            telefoon=f"06-0000{number:04d}" if number % 3 else "",
            organisation=gemeente,
            gemeente_code=code if gemeente else "",
            wijk_code=wijk,
            routing=RoutingStatus.ROUTED if gemeente else RoutingStatus.UNROUTABLE,
            received_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(7))),
            **extra,
        )
        signal.birth_year = signal.geboortedatum.year
        signal.address_key = address_key(postcode, huisnummer)
        signal.set_bsn(demo_bsn(person + 100 * int(code[2:])))
        signal.save()
        self.created += 1
        return signal, True


def _case_fields(state, outcome, matched, today):
    fields = {
        "matchingsdatum": matched,
        "startdatum_matchingperiode": matched - datetime.timedelta(days=30),
        "einddatum_matchingperiode": matched,
        "deadline": matched + datetime.timedelta(days=28),
        "status": CaseStatus.CLOSED if outcome else CaseStatus.OPEN,
        "resultaat": outcome,
    }
    if state not in ("nieuw", "te-laat"):
        fields["datum_opgepakt"] = matched + datetime.timedelta(days=2)
    if state in ("aanbod", "aanvaard") or outcome in (
        Eindresultaat.VERVOLGHULP_FINANCIEEL,
        Eindresultaat.ADVIES_QUICK_FIX,
    ):
        fields["offer_made_on"] = matched + datetime.timedelta(days=5)
    if state == "aanvaard" or outcome in (
        Eindresultaat.VERVOLGHULP_FINANCIEEL,
        Eindresultaat.ADVIES_QUICK_FIX,
    ):
        fields["offer_accepted_on"] = matched + datetime.timedelta(days=7)
    if outcome:
        closed = min(matched + datetime.timedelta(days=14), today)
        fields["closed_at"] = timezone.make_aware(
            datetime.datetime.combine(closed, datetime.time(15))
        )
    return fields


def _attempts(state, outcome) -> list[tuple[str, bool, int, str]]:
    """(kind, reached, days after matching, part of day)."""
    if state in ("nieuw", "te-laat") or outcome in (
        Eindresultaat.HERHAALD,
        Eindresultaat.GEEN_INWONER,
    ):
        return []
    if state == "benaderd" or outcome == Eindresultaat.GEEN_CONTACT:
        return [
            (Contactsoort.BRIEF, False, 2, ""),
            (Contactsoort.TELEFOON, False, 5, Dagdeel.MIDDAG),
            (Contactsoort.HUISBEZOEK, False, 9, Dagdeel.AVOND),
        ]
    return [
        (Contactsoort.TELEFOON, False, 2, Dagdeel.OCHTEND),
        (Contactsoort.HUISBEZOEK, True, 4, Dagdeel.MIDDAG),
    ]


def load_demo_signals(today: datetime.date | None = None) -> int:
    """Create the demo vroegsignalering data; returns the number of new signals."""
    today = today or timezone.localdate()
    creditors = _creditors()
    if len(creditors) < len(PARTNER_OF):
        return 0
    maker = _Maker(today)
    with transaction.atomic():
        for code, slug, town, prefix, wijken, streets in GEMEENTEN:
            gemeente = Organisation.objects.filter(cbs_code=code).first()
            if gemeente is None:
                continue
            letters = "ABCDEFGHJKLMNPRSTVWXZ"
            for i, letter in enumerate(letters[:12]):
                PostcodeArea.objects.get_or_create(
                    postcode=f"{prefix}{'A' if i < 6 else 'B'}{letter}",
                    defaults={"gemeente_code": code, "wijk_code": wijken[i % 2], "source": SOURCE},
                )
            team = Team.objects.filter(organisation=gemeente, name__startswith="Schuldhulp").first()
            worker = User.objects.filter(username=f"{slug}.vroegsignalering").first()
            known = list(Household.objects.filter(organisation=gemeente).order_by("pk")[:1])
            number = 0
            for index, (state, days_ago, kinds, outcome) in enumerate(CASES):
                matched = today - datetime.timedelta(days=days_ago)
                i = index % 12
                address = (
                    f"{prefix}{'A' if i < 6 else 'B'}{letters[i]}",
                    str(10 + index * 3),
                    streets[index % 2],
                    wijken[i % 2],
                )
                members = []
                fresh = False
                for kind in kinds:
                    number += 1
                    status = (
                        outcome
                        if outcome in Signaalstatus.values
                        else Signaalstatus.NOG_NIET_OPGEPAKT
                    )
                    signal, made = maker.signal(
                        gemeente,
                        code,
                        town,
                        creditors[kind],
                        kind,
                        number,
                        index,
                        address,
                        matched - datetime.timedelta(days=1),
                        status=status,
                    )
                    members.append(signal)
                    fresh = fresh or made
                case_uuid = _uuid("case", code, index)
                if SignalCase.objects.filter(uuid=case_uuid).exists() or not fresh:
                    continue
                case = SignalCase.objects.create(
                    uuid=case_uuid,
                    organisation=gemeente,
                    address_key=members[0].address_key,
                    wijk_code=address[3],
                    kind=CaseKind.MEERVOUDIG if len(members) > 1 else CaseKind.ENKELVOUDIG,
                    crisis=any(s.crisissignaal for s in members),
                    creditor_count=len(members),
                    signal_count=len(members),
                    total_amount=sum(s.bedrag for s in members),
                    priority=100 - days_ago + 20 * len(members),
                    already_known=state == "bekend" and bool(known),
                    known_household=known[0] if state == "bekend" and known else None,
                    team=team,
                    assigned_to=worker if state not in ("nieuw",) else None,
                    **_case_fields(state, outcome, matched, today),
                )
                feedback = Feedback.PENDING
                if outcome in (Eindresultaat.HERHAALD, Eindresultaat.GEEN_INWONER):
                    feedback = Feedback.NIET_OPGEPAKT
                elif case.datum_opgepakt:
                    feedback = Feedback.OPGEPAKT
                Signal.objects.filter(pk__in=[s.pk for s in members]).update(
                    case=case, feedback=feedback
                )
                for n, (kind, reached, after, part) in enumerate(_attempts(state, outcome)):
                    ContactAttempt.objects.create(
                        uuid=_uuid("attempt", code, index, n),
                        case=case,
                        soort=kind,
                        bereikt=reached,
                        datum=min(matched + datetime.timedelta(days=after), today),
                        dagdeel=part,
                        created_by=worker,
                    )
            for kind in WAITING:
                number += 1
                i = number % 12
                maker.signal(
                    gemeente,
                    code,
                    town,
                    creditors[kind],
                    kind,
                    number,
                    100 + number,
                    (
                        f"{prefix}{'A' if i < 6 else 'B'}{letters[i]}",
                        str(200 + number),
                        streets[0],
                        wijken[0],
                    ),
                    today,
                )
        # One signal nobody could route: its postcode is in no table.
        maker.signal(
            None,
            "GM0000",
            "Onbekend",
            creditors[Signaalpartner.ENERGIE],
            Signaalpartner.ENERGIE,
            999,
            999,
            ("9999ZZ", "1", "Nergensstraat", ""),
            today - datetime.timedelta(days=3),
        )
    return maker.created
