"""DDAS Vroegsignalering v0.9: the monthly delivery per gemeente (export) and the import of a
DDAS file from another system.

Choices (see docs/vroegsignalering.md, "DDAS export and import"):

- ``gemeentecode`` is the CBS code with its prefix, ``GM0599``: the schema only says "string";
  VNG's own DDAS examples write ``GM…``. The import accepts ``GM0599`` and ``0599``.
- The ``ID`` of a vroegsignaal is ``<first 8 hex of the creditor's uuid>-<external id>``: the
  creditor's own id is unique per creditor only; the prefix makes it unique across creditors
  and stays the same in every monthly export. A signal that came in through a DDAS import keeps
  the ID it had in the file (its external id), so an import followed by an export gives the
  same IDs back.
- The period is the signals whose ``signaaldatum`` lies in the month (a DDAS field, so the
  export is reproducible and imported signals land in their own month, not in the month of the
  import) plus every case touched in the month (matched, taken up, a contact attempt, an offer,
  closed) with all of its signals: a case never refers to a signal that is not in the file.
- A case is exported as it stands on the day of the export, with all of its contact attempts.
- Signals whose personal data were removed by retention are exported with ``client: {}``
  (the schema requires the object but none of its fields).
- Amounts are whole euros, rounded half up (the schema's ``bedrag`` is an integer).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import hashlib
import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

import jsonschema

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing, subjects_of
from doorbraak.core import bsn as bsn_rules
from doorbraak.core.crypto import keyed_hash
from doorbraak.core.models import Membership, Organisation, OrganisationType
from doorbraak.core.roles import Role

from .codes import NOT_TAKEN_UP_OUTCOMES, Signaalpartner
from .models import (
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

ACTIVITY = "vroegsignalering-ddas"
SCHEMA_PATH = Path(__file__).parent / "data" / "ddas-vroegsignalering-v0.9.schema.json"
DEFAULT_SUPPLIER_CODE = "DOORBRAAK"
#: Name of the stand-in creditor of imported signals (the file names no creditor, only its type).
IMPORT_CREDITOR_NAME = "Overgenomen uit DDAS-import ({type}, {gemeente})"


class InvalidExport(Exception):
    """The export does not validate against the DDAS schema: a bug in the platform."""


# --- schema ------------------------------------------------------------------------------------


@functools.cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def json_path(parts) -> str:
    """``leveringen[0].vroegsignalen[3].bedrag`` from jsonschema's path parts."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_FORMATS = {
    "date": gettext_noop("a date (YYYY-MM-DD)"),
    "email": gettext_noop("an e-mail address"),
    "date-time": gettext_noop("a date and time (YYYY-MM-DDTHH:MM:SSZ)"),
}


def _message(error: jsonschema.ValidationError) -> str:
    kind = error.validator
    value = error.instance
    if kind == "required":
        missing = next((name for name in error.validator_value if name not in value), "")
        return _("required field “%(name)s” is missing") % {"name": missing}
    if kind == "type":
        expected = error.validator_value
        names = {
            "integer": _("a whole number"),
            "string": _("text"),
            "boolean": _("true or false"),
            "object": _("an object"),
            "array": _("a list"),
        }
        return _("must be %(type)s, not %(value)s") % {
            "type": names.get(expected, expected),
            "value": json.dumps(value, ensure_ascii=False)[:60],
        }
    if kind == "enum":
        return _("“%(value)s” is not an allowed value (allowed: %(allowed)s)") % {
            "value": str(value)[:80],
            "allowed": ", ".join(f"“{v}”" for v in error.validator_value),
        }
    if kind == "format":
        return _("“%(value)s” is not %(format)s") % {
            "value": str(value)[:80],
            "format": _(_FORMATS.get(error.validator_value, error.validator_value)),
        }
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        return _("unknown field(s): %(names)s") % {"names": ", ".join(extra)}
    if kind == "minItems":
        return _("must contain at least %(n)s item(s)") % {"n": error.validator_value}
    if kind == "uniqueItems":
        return _("contains the same item twice")
    return error.message


def schema_errors(data) -> list[str]:
    """Every schema error of ``data`` as "<JSON path>: <message>", in file order."""
    errors = sorted(validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{json_path(e.absolute_path) or _('(file)')}: {_message(e)}" for e in errors]


# --- export ------------------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def supplier_code() -> str:
    return getattr(settings, "DDAS_CODE_GEGEVENSLEVERANCIER", "") or DEFAULT_SUPPLIER_CODE


def signal_id(signal: Signal) -> str:
    if signal.delivery.channel == Channel.DDAS_IMPORT:
        return signal.external_id
    return f"{str(signal.creditor.uuid)[:8]}-{signal.external_id}"


def whole_euros(amount) -> int:
    return int(Decimal(amount).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def contact_persons(organisation: Organisation) -> list[dict]:
    """From the setting ``DDAS_CONTACTPERSONEN`` ({"GM0599": [{"naam": …, "email": …}]}) or
    else the gemeente's functioneel beheerders (name, e-mail, function; never a phone number:
    the platform does not hold one)."""
    configured = getattr(settings, "DDAS_CONTACTPERSONEN", {}) or {}
    if configured.get(organisation.cbs_code):
        return [dict(person) for person in configured[organisation.cbs_code]]
    people = []
    memberships = Membership.objects.filter(
        organisation=organisation, role=Role.FUNCTIONEEL_BEHEERDER, active=True
    ).select_related("user")
    for membership in memberships.order_by("user__last_name", "user__pk"):
        user = membership.user
        person = {"naam": user.get_full_name() or user.get_username()}
        if user.email:
            person["email"] = user.email
        person["functietitel"] = "Functioneel beheerder"
        if person not in people:
            people.append(person)
    return people


def _case_touched(start, end) -> Q:
    start_at = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    end_at = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    return (
        Q(matchingsdatum__range=(start, end))
        | Q(datum_opgepakt__range=(start, end))
        | Q(offer_made_on__range=(start, end))
        | Q(offer_accepted_on__range=(start, end))
        | Q(closed_at__gte=start_at, closed_at__lt=end_at)
        | Q(contact_attempts__datum__range=(start, end))
    )


def collect(organisation: Organisation, start: datetime.date, end: datetime.date):
    """The signals and cases of ``organisation`` that belong in the delivery of the period."""
    own = Signal.objects.filter(organisation=organisation)
    case_ids = set(
        SignalCase.objects.filter(organisation=organisation)
        .filter(_case_touched(start, end))
        .values_list("pk", flat=True)
    )
    in_period = own.filter(signaaldatum__range=(start, end))
    case_ids |= set(in_period.exclude(case=None).values_list("case", flat=True))
    signals = list(
        own.filter(Q(signaaldatum__range=(start, end)) | Q(case__in=case_ids))
        .select_related("creditor", "delivery")
        .order_by("signaaldatum", "pk")
    )
    cases = list(
        SignalCase.objects.filter(pk__in=case_ids)
        .prefetch_related("contact_attempts")
        .order_by("matchingsdatum", "pk")
    )
    return signals, cases


def _client(signal: Signal) -> dict:
    if signal.anonymised_at:
        return {}
    fields = {
        "Burgerservicenummer": signal.bsn.zfill(9) if signal.bsn_encrypted else "",
        "Voorletters": signal.voorletters,
        "Voorvoegsel": signal.voorvoegsel,
        "Achternaam": signal.achternaam,
        "Geboortedatum": _day(signal.geboortedatum),
        "Straatnaam": signal.straatnaam,
        "Postcode": signal.postcode,
        "Huisnummer": signal.huisnummer,
        "Huisnummertoevoeging": signal.huisnummertoevoeging,
        "Plaatsnaam": signal.plaatsnaam,
    }
    return {name: value for name, value in fields.items() if value}


def _signal(signal: Signal) -> dict:
    data = {
        "ID": signal_id(signal),
        "crisissignaal": signal.crisissignaal,
        "warmeOverdracht": signal.warme_overdracht,
        "bedrag": whole_euros(signal.bedrag),
        "ontstaansdatum": _day(signal.ontstaansdatum),
        "signaaldatum": _day(signal.signaaldatum),
        "status": signal.status,
        "signaalpartner": {"type": signal.signaalpartner},
        "client": _client(signal),
    }
    return {name: value for name, value in data.items() if value is not None}


def _case(case: SignalCase, ids: list[str]) -> dict:
    data = {
        "resultaat": case.resultaat or None,
        "matchingsdatum": _day(case.matchingsdatum),
        # The schema's own spelling ("matchting"): a corrected name would not validate.
        "startdatum_matchtingperiode": _day(case.startdatum_matchingperiode),
        "einddatum_matchingperiode": _day(case.einddatum_matchingperiode),
        "datum_opgepakt": _day(case.datum_opgepakt),
        "vroegsignalen": [{"ID": i} for i in ids],
        "contactpogingen": [
            {
                name: value
                for name, value in {
                    "soort": attempt.soort,
                    "bereikt": attempt.bereikt,
                    "datum": _day(attempt.datum),
                    "dagdeel": attempt.dagdeel or None,
                }.items()
                if value is not None
            }
            for attempt in case.contact_attempts.all()
        ],
    }
    return {name: value for name, value in data.items() if value is not None}


def build(organisation, start, end, signals, cases, *, now=None) -> dict:
    now = now or timezone.now()
    ids_per_case: dict[int, list[str]] = {}
    for signal in signals:
        if signal.case_id:
            ids_per_case.setdefault(signal.case_id, []).append(signal_id(signal))
    organisatie = {"naam": organisation.name}
    persons = contact_persons(organisation)
    if persons:
        organisatie["contactpersoonen"] = persons  # sic: the schema's spelling
    levering = {
        "teller": 1,
        "gemeentecode": organisation.cbs_code,
        "aanleverende_organisatie": organisatie,
        "vroegsignalen": [_signal(signal) for signal in signals],
        "vroegsignaalzaken": [
            _case(case, ids_per_case[case.pk]) for case in cases if ids_per_case.get(case.pk)
        ],
    }
    return {
        "startdatumLevering": start.isoformat(),
        "einddatumLevering": end.isoformat(),
        "aanleverdatumEnTijd": now.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "codeGegevensleverancier": supplier_code(),
        "leveringen": [levering],
    }


def check(data: dict) -> dict:
    errors = schema_errors(data)
    if errors:
        raise InvalidExport("; ".join(errors[:10]))
    return data


def export(organisation: Organisation, start: datetime.date, end: datetime.date) -> dict:
    """The DDAS Uitwisselmodel of ``organisation`` for ``start``–``end``, schema-valid."""
    signals, cases = collect(organisation, start, end)
    return check(build(organisation, start, end, signals, cases))


def export_month(actor, organisation: Organisation, year: int, month: int) -> dict:
    """Export a month and log it: one processing-log record per signal's subject."""
    start, end = month_bounds(year, month)
    signals, cases = collect(organisation, start, end)
    data = check(build(organisation, start, end, signals, cases))
    subjects = []
    for signal in signals:
        for subject in subjects_of(signal):
            if subject not in subjects:
                subjects.append(subject)
    log_processing(
        actor,
        ACTIVITY,
        Action.EXPORT,
        subjects=subjects,
        controller=organisation,
        detail=f"DDAS-levering {organisation.cbs_code} {year:04d}-{month:02d}",
    )
    return data


def file_name(organisation: Organisation, year: int, month: int) -> str:
    return f"ddas-{organisation.cbs_code}-{year:04d}-{month:02d}.json"


def dumps(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


# --- import ------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    leveringen_used: int = 0
    leveringen_ignored: int = 0
    signals_created: int = 0
    signals_unchanged: int = 0
    cases_created: int = 0
    cases_unchanged: int = 0
    attempts_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rollback(Exception):
    pass


def normalise_gemeentecode(value: str) -> str:
    value = str(value).strip().upper()
    if value.isdigit() and len(value) <= 4:
        return f"GM{int(value):04d}"
    return value


def import_creditor(gemeente: Organisation, partner_type: str) -> Organisation:
    """The stand-in creditor of imported signals of one type, per gemeente (so that one
    gemeente's import can never meet another's signals in the unique creditor+id)."""
    name = IMPORT_CREDITOR_NAME.format(type=partner_type, gemeente=gemeente.cbs_code)
    creditor, _created = Organisation.objects.get_or_create(
        name=name, type=OrganisationType.CREDITEUR, defaults={"active": False}
    )
    return creditor


_LIMITS = {
    "Voorletters": ("voorletters", 20),
    "Voorvoegsel": ("voorvoegsel", 200),
    "Achternaam": ("achternaam", 200),
    "Straatnaam": ("straatnaam", 200),
    "Postcode": ("postcode", 6),
    "Huisnummer": ("huisnummer", 5),
    "Huisnummertoevoeging": ("huisnummertoevoeging", 4),
    "Plaatsnaam": ("plaatsnaam", 200),
}


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _signal_from(item: dict, path: str, gemeente, start, report: ImportReport) -> Signal | None:
    """An unsaved Signal from a vroegsignaal of the file; errors go to ``report``."""
    external_id = item["ID"].strip()
    if not external_id or len(external_id) > 100:
        report.errors.append(_("%(path)s.ID: must be 1 to 100 characters long") % {"path": path})
        return None
    bedrag = item.get("bedrag", 0)
    if bedrag < 0 or bedrag > 99_999_999:
        report.errors.append(_("%(path)s.bedrag: must be between 0 and 99999999") % {"path": path})
        return None
    signaaldatum = _date(item.get("signaaldatum"))
    if signaaldatum is None:
        signaaldatum = start
        report.warnings.append(
            _("%(path)s.signaaldatum: missing; the start of the delivery period is used")
            % {"path": path}
        )
    signal = Signal(
        external_id=external_id,
        signaalpartner=item["signaalpartner"].get("type") or Signaalpartner.OVERIGE,
        crisissignaal=item.get("crisissignaal", False),
        warme_overdracht=item.get("warmeOverdracht", False),
        bedrag=bedrag,
        ontstaansdatum=_date(item.get("ontstaansdatum")),
        signaaldatum=signaaldatum,
        organisation=gemeente,
        gemeente_code=gemeente.cbs_code,
        routing=RoutingStatus.ROUTED,
        received_at=timezone.make_aware(datetime.datetime.combine(signaaldatum, datetime.time(9))),
    )
    if item.get("status"):
        signal.status = item["status"]
    client = item["client"]
    for key, (attribute, limit) in _LIMITS.items():
        value = str(client.get(key, "")).strip()
        if key == "Postcode":
            value = value.replace(" ", "").upper()
        if len(value) > limit:
            report.errors.append(
                _("%(path)s.client.%(field)s: at most %(n)s characters")
                % {"path": path, "field": key, "n": limit}
            )
            return None
        setattr(signal, attribute, value)
    number = client.get("Burgerservicenummer", "")
    if number:
        if not bsn_rules.is_valid(number):
            report.errors.append(
                _("%(path)s.client.Burgerservicenummer: not a valid BSN (elfproef)")
                % {"path": path}
            )
            return None
        signal.set_bsn(number)
    signal.geboortedatum = _date(client.get("Geboortedatum"))
    signal.birth_year = signal.geboortedatum.year if signal.geboortedatum else None
    if signal.postcode and signal.huisnummer:
        signal.address_key = address_key(
            signal.postcode, signal.huisnummer, signal.huisnummertoevoeging
        )
        area = PostcodeArea.objects.filter(postcode=signal.postcode).first()
        signal.wijk_code = area.wijk_code if area else ""
    return signal


def _import_levering(actor, gemeente, levering, index, start, file_info, report) -> list[Signal]:
    base = f"leveringen[{index}]"
    by_id: dict[str, Signal] = {}
    new: list[Signal] = []
    deliveries: dict[int, Delivery] = {}
    seen: set[str] = set()
    for number, item in enumerate(levering.get("vroegsignalen", [])):
        path = f"{base}.vroegsignalen[{number}]"
        signal = _signal_from(item, path, gemeente, start, report)
        if signal is None:
            continue
        if signal.external_id in seen:
            report.errors.append(_("%(path)s.ID: the same ID occurs twice") % {"path": path})
            continue
        seen.add(signal.external_id)
        creditor = import_creditor(gemeente, signal.signaalpartner)
        existing = Signal.objects.filter(creditor=creditor, external_id=signal.external_id).first()
        if existing is not None:
            by_id[signal.external_id] = existing
            report.signals_unchanged += 1
            continue
        if creditor.pk not in deliveries:
            deliveries[creditor.pk] = Delivery.objects.create(
                creditor=creditor,
                channel=Channel.DDAS_IMPORT,
                file_name=file_info["name"][:255],
                file_format="json",
                gemeente_code=gemeente.cbs_code,
                sha256=file_info["sha256"],
                size=file_info["size"],
                status=DeliveryStatus.PROCESSED,
                processed_at=timezone.now(),
                uploaded_by=actor.user,
            )
        delivery = deliveries[creditor.pk]
        signal.creditor, signal.delivery = creditor, delivery
        signal.save()
        delivery.rows_total += 1
        delivery.rows_done += 1
        delivery.rows_accepted += 1
        by_id[signal.external_id] = signal
        new.append(signal)
        report.signals_created += 1
    for delivery in deliveries.values():
        delivery.save(update_fields=["rows_total", "rows_done", "rows_accepted"])

    for number, item in enumerate(levering.get("vroegsignaalzaken", [])):
        path = f"{base}.vroegsignaalzaken[{number}]"
        members = []
        for ref_number, ref in enumerate(item.get("vroegsignalen", [])):
            signal = (
                by_id.get(ref["ID"])
                or Signal.objects.filter(
                    organisation=gemeente,
                    delivery__channel=Channel.DDAS_IMPORT,
                    external_id=ref["ID"],
                ).first()
            )
            if signal is None:
                report.errors.append(
                    _("%(path)s.vroegsignalen[%(n)s].ID: no vroegsignaal with ID “%(id)s”")
                    % {"path": path, "n": ref_number, "id": ref["ID"]}
                )
                continue
            members.append(signal)
        if not members:
            if not item.get("vroegsignalen"):
                report.errors.append(
                    _("%(path)s.vroegsignalen: a case needs at least one vroegsignaal")
                    % {"path": path}
                )
            continue
        if any(signal.case_id for signal in members):
            report.cases_unchanged += 1
            continue
        report.cases_created += 1
        report.attempts_created += _create_case(gemeente, item, members, path, report)
    return new


def _create_case(gemeente, item, members: list[Signal], path, report) -> int:
    first = min(signal.signaaldatum for signal in members)
    matched = _date(item.get("matchingsdatum")) or first
    attempts = item.get("contactpogingen", [])
    for number, attempt in enumerate(attempts):
        if not attempt.get("datum"):
            report.warnings.append(
                _("%(path)s.contactpogingen[%(n)s].datum: missing; the matching date is used")
                % {"path": path, "n": number}
            )
    resultaat = item.get("resultaat", "")
    opgepakt = _date(item.get("datum_opgepakt"))
    key = next((s.address_key for s in members if s.address_key), "") or keyed_hash(
        "ddas-zaak", f"{gemeente.cbs_code}|{members[0].external_id}"
    )
    known_dates = [matched, opgepakt] + [_date(a.get("datum")) for a in attempts]
    closed_on = max(d for d in known_dates if d)
    case = SignalCase.objects.create(
        organisation=gemeente,
        address_key=key,
        wijk_code=next((s.wijk_code for s in members if s.wijk_code), ""),
        status=CaseStatus.CLOSED if resultaat else CaseStatus.OPEN,
        crisis=any(s.crisissignaal for s in members),
        creditor_count=len({s.signaalpartner for s in members}),
        signal_count=len(members),
        total_amount=sum(Decimal(s.bedrag) for s in members),
        matchingsdatum=matched,
        startdatum_matchingperiode=_date(item.get("startdatum_matchtingperiode")) or matched,
        einddatum_matchingperiode=_date(item.get("einddatum_matchingperiode")) or matched,
        datum_opgepakt=opgepakt,
        resultaat=resultaat,
        closed_at=(
            timezone.make_aware(datetime.datetime.combine(closed_on, datetime.time(17)))
            if resultaat
            else None
        ),
    )
    feedback = Feedback.PENDING
    if resultaat in NOT_TAKEN_UP_OUTCOMES:
        feedback = Feedback.NIET_OPGEPAKT
    elif opgepakt:
        feedback = Feedback.OPGEPAKT
    Signal.objects.filter(pk__in=[s.pk for s in members]).update(case=case, feedback=feedback)
    for signal in members:
        signal.case = case
    ContactAttempt.objects.bulk_create(
        ContactAttempt(
            case=case,
            soort=attempt["soort"] if attempt.get("soort") else "Overige",
            bereikt=attempt.get("bereikt", False),
            datum=_date(attempt.get("datum")) or matched,
            dagdeel=attempt.get("dagdeel", ""),
        )
        for attempt in attempts
    )
    return len(attempts)


def import_ddas(actor, organisation: Organisation, file_bytes: bytes, file_name: str = ""):
    """Import a DDAS file into ``organisation`` (a gemeente): all or nothing.

    Only leveringen with the gemeente's own gemeentecode are read; others are counted and
    ignored. A signal already imported (same stand-in creditor and ID) and a case whose signals
    already have a case are left as they are, so importing a file twice changes nothing.
    """
    report = ImportReport()
    try:
        data = json.loads(file_bytes.decode("utf-8-sig"))
    except UnicodeDecodeError:
        report.errors.append(_("The file is not UTF-8 text."))
        return report
    except json.JSONDecodeError as error:
        report.errors.append(
            _("The file is not valid JSON (line %(line)s, column %(col)s): %(msg)s")
            % {"line": error.lineno, "col": error.colno, "msg": error.msg}
        )
        return report
    report.errors = schema_errors(data)
    if report.errors:
        return report
    file_info = {
        "name": file_name,
        "sha256": hashlib.sha256(file_bytes).hexdigest(),
        "size": len(file_bytes),
    }
    start = _date(data["startdatumLevering"])
    try:
        with transaction.atomic():
            created: list[Signal] = []
            for index, levering in enumerate(data.get("leveringen", [])):
                code = normalise_gemeentecode(levering["gemeentecode"])
                if code != organisation.cbs_code:
                    report.leveringen_ignored += 1
                    continue
                report.leveringen_used += 1
                created += _import_levering(
                    actor, organisation, levering, index, start, file_info, report
                )
            if report.errors:
                raise _Rollback
            if created:
                subjects: list[Subject] = []
                for signal in created:
                    subjects += [s for s in subjects_of(signal) if s not in subjects]
                log_processing(
                    actor,
                    ACTIVITY,
                    Action.CREATE,
                    subjects=subjects,
                    controller=organisation,
                    detail=f"DDAS-import {file_name[:100]}: {len(created)} signalen",
                )
    except _Rollback:
        report.signals_created = report.cases_created = report.attempts_created = 0
    if not report.errors and report.leveringen_used == 0:
        report.errors.append(
            _("The file holds no levering with gemeentecode %(code)s.")
            % {"code": organisation.cbs_code}
        )
    return report
