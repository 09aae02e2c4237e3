"""Routing-independent matching: group a gemeente's routed signals without a case into
vroegsignaalzaken per address within the matching period.

Interface used by intake (``intake.process_delivery`` calls it for every gemeente it routed
signals to) and by the benchmark: ``match_signals(organisation, today=None)``.

Rules (the gemeente's ``SignalSettings``, or the field defaults when it has none):

* The group of a signal is its ``address_key`` (keyed hash of postcode, house number and
  addition). A signal without an address is grouped by its BSN hash; one with neither becomes
  a case of its own.
* A signal joins an *open* case of its group whose matching period
  (``startdatum_matchingperiode`` .. ``einddatum_matchingperiode``, both inclusive) covers its
  ``signaaldatum``. Otherwise it starts a new case whose period runs from its signaaldatum for
  ``matching_period_days`` days; later signals of the same run join it when they fall inside.
* Kind: *herhaald* when another case of the same group started within ``repeat_window_days``
  before the new case (it wins over the other two); else *meervoudig* with two or more signals
  or creditors; else *enkelvoudig*.
* Deadline of the first contact attempt: counted from the matching date (the day the team gets
  the case). ``crisis_deadline_days`` when any signal is a crisis signal; else the shortest
  ``deadline_per_type`` of the case's signal types, when set; else ``deadline_days``. A
  threatening debt (rent, energy, water, mortgage) without a crisis flag gets the normal term
  unless the gemeente sets a per-type term: the creditor marks imminent eviction or
  disconnection as a crisis signal. A case that is joined later keeps the earlier deadline
  unless the new signals need a sooner one.
* "Al bekend": an open household of the same gemeente at the same postcode and house number,
  or a member of such a household with the same BSN (``Person.bsn_hash``, same keyed hash).

Set-based: signals are read per batch of addresses (two queries). A new case has all its
signals in the batch, so its totals and priority are computed in memory before it is written
(PostgreSQL: ids from the sequence and COPY; elsewhere ``bulk_create``); signals are linked with
one ``UPDATE … FROM (VALUES …)`` per 5,000; only cases that existed already and were joined get
one grouped query and one ``UPDATE … FROM (VALUES …)`` (``core.bulk.update_rows``). The
queries per batch depend neither on the number of signals in it nor on the number of gemeenten:
intake matches a whole chunk of a delivery, whatever gemeenten its signals went to, in one
batch (``match_new``). Each batch is one transaction; on PostgreSQL the rows of its gemeenten
are locked (in order), so two deliveries matched at the same time cannot both create a case
for one address.
"""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone

from doorbraak.core.bulk import copy_insert, row_class, update_rows

from . import priority
from .codes import THREATENING
from .models import CaseKind, CaseStatus, RoutingStatus, Signal, SignalCase, SignalSettings

#: Addresses per batch: bounded memory and query parameters (SQLite allows 32766).
BATCH_ADDRESSES = 2000
UPDATE_BATCH = 1000
LINK_BATCH = 5000


#: A new case before it is written, or an existing one as matching reads it (``core.bulk``:
#: no model instance per case).
_NewCase = row_class(SignalCase)
#: What matching reads of an existing case (and writes back when a signal joins it).
_EXISTING = (
    "id",
    "organisation_id",
    "address_key",
    "status",
    "kind",
    "startdatum_matchingperiode",
    "einddatum_matchingperiode",
    "deadline",
    "wijk_code",
    "signal_count",
    "creditor_count",
    "total_amount",
    "crisis",
    "priority",
    "already_known",
    "known_household_id",
)


@dataclass
class MatchResult:
    signals: int = 0
    cases_created: int = 0
    cases_joined: int = 0
    case_ids: list = field(default_factory=list)


def settings_for(organisation) -> SignalSettings:
    """The gemeente's settings; an unsaved row with the defaults when it has none."""
    found = SignalSettings.objects.filter(organisation=organisation).first()
    return found or SignalSettings(organisation=organisation)


def deadline_days_for(settings: SignalSettings, types, crisis: bool) -> int:
    if crisis:
        return settings.crisis_deadline_days
    per_type = settings.deadline_per_type or {}
    overrides = [int(per_type[t]) for t in types if isinstance(per_type.get(t), int)]
    return min(overrides) if overrides else settings.deadline_days


def normal_postcode(postcode: str) -> str:
    return (postcode or "").replace(" ", "").upper()


def normal_number(number) -> str:
    return str(number or "").strip().lstrip("0")


_FIELDS = (
    "pk",
    "address_key",
    "bsn_hash",
    "signaaldatum",
    "signaalpartner",
    "crisissignaal",
    "postcode",
    "huisnummer",
    "creditor_id",
    "bedrag",
    "warme_overdracht",
    "wijk_code",
)


@dataclass
class _Context:
    """One gemeente's rules for a batch."""

    organisation: object
    settings: SignalSettings
    weights: object
    period: datetime.timedelta
    repeat: datetime.timedelta

    @classmethod
    def of(cls, organisation, settings=None) -> "_Context":
        settings = settings or settings_for(organisation)
        return cls(
            organisation,
            settings,
            priority.weights_for(settings.priority_weights),
            datetime.timedelta(days=settings.matching_period_days),
            datetime.timedelta(days=settings.repeat_window_days),
        )


@dataclass(slots=True)
class _Pending:
    pk: int
    org: int
    group: str
    bsn_hash: str
    signaaldatum: datetime.date
    signaalpartner: str
    crisis: bool
    postcode: str
    huisnummer: str
    creditor_id: int
    bedrag: Decimal
    warm: bool
    wijk_code: str


@dataclass(slots=True)
class _Case:
    obj: SignalCase  # or, for a new case, a _NewCase row
    new: bool
    types: set = field(default_factory=set)
    crisis: bool = False
    addresses: set = field(default_factory=set)
    bsn_hashes: set = field(default_factory=set)
    touched: bool = False
    # totals of the signals matched now (complete for a new case)
    count: int = 0
    creditors: set = field(default_factory=set)
    amount: Decimal = Decimal("0")
    warm: bool = False
    wijk: str = ""


def _pending(organisation):
    return Signal.objects.filter(
        organisation=organisation,
        case__isnull=True,
        routing=RoutingStatus.ROUTED,
        anonymised_at__isnull=True,
    )


def match_signals(organisation, today: datetime.date | None = None) -> MatchResult:
    today = today or timezone.localdate()
    contexts = {organisation.pk: _Context.of(organisation)}
    result = MatchResult()

    def batch(rows):
        _match_batch(contexts, today, [(organisation.pk, *row) for row in rows], result)

    # Signals without an address first (few): grouped by BSN hash, or alone.
    loose = list(_pending(organisation).filter(address_key="").values_list(*_FIELDS))
    if loose:
        batch(loose)

    last = ""
    while True:
        keys = list(
            _pending(organisation)
            .filter(address_key__gt=last)
            .order_by("address_key")
            .values_list("address_key", flat=True)
            .distinct()[:BATCH_ADDRESSES]
        )
        if not keys:
            break
        batch(
            _pending(organisation)
            .filter(address_key__gt=last, address_key__lte=keys[-1])
            .values_list(*_FIELDS)
        )
        last = keys[-1]
    return result


def match_new(signals: list, today: datetime.date, store, contexts: dict | None = None):
    """Match signals that are not stored yet (intake, per chunk), of any number of gemeenten.

    Each signal needs ``organisation`` (the gemeente) and the attributes of ``_FIELDS`` except
    ``pk``; ``uuid`` identifies it. Each gets its ``case_id`` before it is written:
    ``store(signals)`` is called inside the matching transaction, after the new cases exist and
    before the totals of the cases that were joined are recomputed. Setting ``Signal.case``
    afterwards would rewrite every index entry of every signal once more (the cost that
    dominated intake at volume). ``contexts`` (gemeente pk → ``_Context``) is a cache the
    caller may keep between chunks.
    """
    contexts = {} if contexts is None else contexts
    by_key = {}
    rows = []
    for s in signals:
        org = s.organisation_id
        if org not in contexts:
            contexts[org] = _Context.of(s.organisation)
        by_key[s.uuid] = s
        rows.append(
            (
                org,
                s.uuid,
                s.address_key,
                s.bsn_hash,
                s.signaaldatum,
                s.signaalpartner,
                s.crisissignaal,
                s.postcode,
                s.huisnummer,
                s.creditor_id,
                s.bedrag,
                s.warme_overdracht,
                s.wijk_code,
            )
        )

    def link(assignments):
        for key, case in assignments:
            by_key[key].case_id = case.obj.pk
        store(signals)

    result = MatchResult()
    _match_batch(contexts, today, rows, result, link=link)
    return result


def _group_of(address_key: str, bsn_hash: str, pk) -> str:
    if address_key:
        return address_key
    if bsn_hash:
        return bsn_hash
    return uuid.uuid5(uuid.NAMESPACE_OID, f"signal:{pk}").hex


def _match_batch(contexts: dict, today, rows, result: MatchResult, link=None) -> None:
    """``rows``: (gemeente pk, *_FIELDS) per signal; ``contexts``: gemeente pk → _Context."""
    pending = [
        _Pending(pk, org, _group_of(key, bsn, pk), bsn, day, partner, crisis, pc, number, *rest)
        for org, pk, key, bsn, day, partner, crisis, pc, number, *rest in rows
    ]
    if not pending:
        return
    pending.sort(key=lambda s: (s.org, s.group, s.signaaldatum, str(s.pk)))
    orgs = sorted({s.org for s in pending})
    earliest = min(s.signaaldatum for s in pending)
    longest = max(contexts[org].repeat for org in orgs)
    organisation_model = type(contexts[orgs[0]].organisation)
    # Read before the gemeenten are locked: the lock guards cases, not households, and
    # another delivery's chunk waits as long as this one holds it.
    households = _open_households(orgs, pending)

    with transaction.atomic():
        # One gemeente's row locked per gemeente (always in the same order: no deadlock), so two
        # deliveries matched at the same time cannot both create a case for one address.
        # NO KEY UPDATE: excludes the other matchers, but not the foreign-key checks of rows
        # that point at the gemeente (FOR KEY SHARE), such as another delivery's log records.
        list(
            organisation_model.objects.select_for_update(no_key=True)
            .filter(pk__in=orgs)
            .order_by("pk")
        )
        # Cases of these groups that a signal may join (open) or that make it "herhaald".
        existing: dict[tuple, list[_Case]] = defaultdict(list)
        for values in (
            # By address key alone (signalcase_address_idx): one index probe per address; the
            # gemeente is checked through the key of ``existing``.
            SignalCase.objects.filter(address_key__any=sorted({s.group for s in pending}))
            .filter(
                Q(status=CaseStatus.OPEN) | Q(startdatum_matchingperiode__gte=earliest - longest)
            )
            .order_by("pk")  # the oldest first, as the signals joined them
            .values_list(*_EXISTING)
        ):
            case = _NewCase(**dict(zip(_EXISTING, values, strict=True)))
            existing[(case.organisation_id, case.address_key)].append(_Case(case, new=False))

        assignments: list[tuple[object, _Case]] = []
        for s in pending:
            context = contexts[s.org]
            cases = existing[(s.org, s.group)]
            target = next(
                (
                    c
                    for c in cases
                    if c.obj.status == CaseStatus.OPEN
                    and c.obj.startdatum_matchingperiode
                    <= s.signaaldatum
                    <= c.obj.einddatum_matchingperiode
                ),
                None,
            )
            if target is None:
                start = s.signaaldatum
                repeated = any(
                    start - context.repeat <= c.obj.startdatum_matchingperiode < start
                    for c in cases
                )
                target = _Case(
                    _NewCase(
                        organisation_id=s.org,
                        address_key=s.group,
                        kind=CaseKind.HERHAALD if repeated else CaseKind.ENKELVOUDIG,
                        matchingsdatum=today,
                        startdatum_matchingperiode=start,
                        einddatum_matchingperiode=start
                        + context.period
                        - datetime.timedelta(days=1),
                    ),
                    new=True,
                )
                cases.append(target)
            target.touched = True
            target.types.add(s.signaalpartner)
            target.crisis = target.crisis or s.crisis
            target.count += 1
            target.creditors.add(s.creditor_id)
            target.amount += s.bedrag or Decimal("0")
            target.warm = target.warm or s.warm
            target.wijk = target.wijk or s.wijk_code
            if s.postcode and s.huisnummer:
                target.addresses.add((normal_postcode(s.postcode), normal_number(s.huisnummer)))
            if s.bsn_hash:
                target.bsn_hashes.add(s.bsn_hash)
            assignments.append((s.pk, target))

        touched = [c for cases in existing.values() for c in cases if c.touched]
        new = [c for c in touched if c.new]
        joined = [c for c in touched if not c.new]
        for c in touched:
            settings = contexts[c.obj.organisation_id].settings
            days = deadline_days_for(settings, c.types, c.crisis)
            due = today + datetime.timedelta(days=days)
            c.obj.deadline = min(c.obj.deadline, due) if c.obj.deadline else due
        _known(touched, households)
        # A new case has all its signals in this batch: its totals are known before the insert.
        for c in new:
            _apply_totals(
                c.obj,
                contexts[c.obj.organisation_id].weights,
                count=c.count,
                creditors=len(c.creditors),
                amount=c.amount,
                crisis=c.crisis,
                threatening=bool(c.types & THREATENING),
                warm=c.warm,
                wijk=c.wijk,
            )
        _insert_cases([c.obj for c in new])
        (link or _link)(assignments)
        if joined:
            _totals(joined, contexts)
            update_rows(
                SignalCase,
                [c.obj for c in joined],
                [
                    "kind",
                    "signal_count",
                    "creditor_count",
                    "total_amount",
                    "crisis",
                    "wijk_code",
                    "deadline",
                    "priority",
                    "already_known",
                    "known_household",
                ],
                batch_size=UPDATE_BATCH,
            )
    result.signals += len(pending)
    result.cases_created += len(new)
    result.cases_joined += len(joined)
    result.case_ids += [c.obj.pk for c in touched]


def _insert_cases(cases: list) -> None:
    """Insert the new cases (COPY on PostgreSQL, see ``core.bulk``)."""
    copy_insert(SignalCase, cases, batch_size=UPDATE_BATCH)


def _link(assignments: list[tuple[int, _Case]]) -> None:
    """Set ``Signal.case`` for many signals: one UPDATE … FROM (VALUES …) per chunk, instead
    of Django's CASE WHEN per row (quadratic in the chunk size). PostgreSQL and SQLite ≥ 3.33."""
    table = connection.ops.quote_name(Signal._meta.db_table)
    pairs = [(pk, c.obj.pk) for pk, c in assignments]
    with connection.cursor() as cursor:
        for i in range(0, len(pairs), LINK_BATCH):
            # Both numbers are primary keys read from the database (ints): written inline, which
            # spares the driver converting thousands of parameters per statement.
            values = ", ".join(f"({int(a)}, {int(b)})" for a, b in pairs[i : i + LINK_BATCH])
            cursor.execute(
                f"WITH v (signal_id, case_id) AS (VALUES {values}) "  # noqa: S608 - ints only
                f"UPDATE {table} SET case_id = v.case_id FROM v WHERE {table}.id = v.signal_id"
            )


def _apply_totals(case, weights, *, count, creditors, amount, crisis, threatening, warm, wijk):
    case.signal_count = min(count, 32767)
    case.creditor_count = min(creditors, 32767)
    case.total_amount = amount or Decimal("0")
    case.crisis = crisis
    case.wijk_code = case.wijk_code or wijk or ""
    if case.kind != CaseKind.HERHAALD:
        several = case.signal_count > 1 or case.creditor_count > 1
        case.kind = CaseKind.MEERVOUDIG if several else CaseKind.ENKELVOUDIG
    case.priority = priority.score(
        priority.Features(
            crisis=crisis,
            creditor_count=case.creditor_count,
            total_amount=case.total_amount,
            threatening=threatening,
            warm_handover=warm,
            repeated=case.kind == CaseKind.HERHAALD,
        ),
        weights,
    )


def _totals(touched: list[_Case], contexts: dict) -> None:
    """Counts, amount, crisis, wijk and priority from all signals of each joined case."""
    by_pk = {c.obj.pk: c for c in touched}
    rows = (
        Signal.objects.filter(case_id__any=list(by_pk))
        .values("case_id")
        .annotate(
            n=Count("id"),
            creditors=Count("creditor", distinct=True),
            total=Sum("bedrag"),
            crises=Count("id", filter=Q(crisissignaal=True)),
            threatening=Count("id", filter=Q(signaalpartner__in=THREATENING)),
            warm=Count("id", filter=Q(warme_overdracht=True)),
            wijk=Min("wijk_code", filter=~Q(wijk_code="")),
        )
    )
    for row in rows:
        case = by_pk[row["case_id"]].obj
        _apply_totals(
            case,
            contexts[case.organisation_id].weights,
            count=row["n"],
            creditors=row["creditors"],
            amount=row["total"],
            crisis=row["crises"] > 0,
            threatening=row["threatening"] > 0,
            warm=row["warm"] > 0,
            wijk=row["wijk"],
        )


def _open_households(orgs: list[int], pending: list[_Pending]) -> tuple[dict, dict]:
    """The open households of these gemeenten at the addresses or with the BSN hashes of the
    pending signals: {(gemeente, postcode, number): household} and {(gemeente, bsn hash):
    household}, the oldest household first."""
    from doorbraak.households.models import Household, HouseholdStatus, Person

    postcodes = {normal_postcode(s.postcode) for s in pending if s.postcode and s.huisnummer}
    hashes = {s.bsn_hash for s in pending if s.bsn_hash}
    open_households = Household.objects.filter(
        organisation_id__in=orgs, status=HouseholdStatus.OPEN
    )
    at_address: dict[tuple[int, str, str], int] = {}
    if postcodes:
        spelled = postcodes | {f"{pc[:4]} {pc[4:]}" for pc in postcodes}
        for pk, org, pc, number in (
            open_households.filter(postcode__any=spelled)
            .order_by("pk")
            .values_list("pk", "organisation_id", "postcode", "huisnummer")
        ):
            at_address.setdefault((org, normal_postcode(pc), normal_number(number)), pk)
    with_bsn: dict[tuple[int, str], int] = {}
    if hashes:
        for bsn_hash, household_id, org in (
            Person.objects.filter(bsn_hash__any=hashes, household__in=open_households)
            .order_by("pk")
            .values_list("bsn_hash", "household_id", "household__organisation_id")
        ):
            with_bsn.setdefault((org, bsn_hash), household_id)
    return at_address, with_bsn


def _known(touched: list[_Case], households: tuple[dict, dict]) -> None:
    """Mark cases whose household already has an open file in the case's gemeente (a member
    with one of the case's BSN hashes first, else one at its address)."""
    at_address, with_bsn = households
    for c in touched:
        if c.obj.already_known:
            continue
        org = c.obj.organisation_id
        found = next(
            (with_bsn[(org, h)] for h in sorted(c.bsn_hashes) if (org, h) in with_bsn), None
        )
        if found is None:
            found = next(
                (at_address[(org, *a)] for a in sorted(c.addresses) if (org, *a) in at_address),
                None,
            )
        if found is not None:
            c.obj.already_known = True
            c.obj.known_household_id = found
