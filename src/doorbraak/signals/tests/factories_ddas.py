"""Helpers of the DDAS, retention and monitor tests: cases in every state, with the shared
factories (never through the intake or matching code)."""

import datetime

from doorbraak.signals.codes import Contactsoort, Dagdeel, Eindresultaat, Signaalpartner
from doorbraak.signals.models import CaseStatus, ContactAttempt

from .factories import VALID_BSNS, SignalCaseFactory, SignalFactory


def case_in_state(gemeente, state: str, day: datetime.date, **signal_fields):
    """A case matched on ``day`` in one of the states: open, contacted, offered, accepted,
    closed_no_help, closed_help. Returns (case, [signals])."""
    wijk = signal_fields.pop("wijk", "WK059901")
    case = SignalCaseFactory(organisation=gemeente, matchingsdatum=day, wijk_code=wijk)
    fields = {"signaaldatum": day, "bsn": VALID_BSNS[0], **signal_fields}
    bsn = fields.pop("bsn")
    signal = SignalFactory(
        organisation=gemeente, case=case, address_key=case.address_key, wijk_code=wijk, **fields
    )
    if bsn:
        signal.set_bsn(bsn)
        signal.save()
    if state != "open":
        ContactAttempt.objects.create(
            case=case,
            soort=Contactsoort.TELEFOON,
            bereikt=state != "contacted_not_reached",
            datum=day + datetime.timedelta(days=2),
            dagdeel=Dagdeel.OCHTEND,
            note="Mevrouw belt terug",
        )
        case.datum_opgepakt = day + datetime.timedelta(days=2)
    if state in ("offered", "accepted", "closed_help"):
        case.offer_made_on = day + datetime.timedelta(days=3)
    if state in ("accepted", "closed_help"):
        case.offer_accepted_on = day + datetime.timedelta(days=4)
    if state.startswith("closed"):
        case.status = CaseStatus.CLOSED
        case.closed_at = datetime.datetime.combine(
            day + datetime.timedelta(days=5), datetime.time(12), tzinfo=datetime.UTC
        )
        case.resultaat = (
            Eindresultaat.VERVOLGHULP_FINANCIEEL
            if state == "closed_help"
            else Eindresultaat.GEEN_HULP_NODIG
        )
    case.save()
    return case, [signal]


STATES = ["open", "contacted_not_reached", "contacted", "offered", "accepted"]
STATES += ["closed_no_help", "closed_help"]

TYPES = [Signaalpartner.HUUR, Signaalpartner.ENERGIE, Signaalpartner.WATER, Signaalpartner.ZORG]
