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
batch (``match_new``). Each batch is one transaction; the rows of its gemeenten are locked (in
order, ``FOR NO KEY UPDATE`` on PostgreSQL), so two deliveries matched at the same time cannot
both create a case for one address. ``match_signals`` locks before it reads the cases;
``match_new`` (intake) is optimistic: it reads, assigns and writes first, then locks, reads the
cases again and matches again only the groups that changed meanwhile (see its docstring).
"""

import contextlib
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
    ``store(signals)`` writes them (and gives them their ``pk``) after their new cases exist.
    Setting ``Signal.case`` afterwards would rewrite every index entry of every signal once
    more (the cost that dominated intake at volume). ``contexts`` (gemeente pk → ``_Context``)
    is a cache the caller may keep between chunks.

    Optimistic, so that deliveries processed at the same time do not wait for each other
    while cases and signals are written: the cases of the batch's groups are read, the
    signals assigned, and new cases and signals written WITHOUT the gemeente lock. Then the
    gemeenten are locked and those cases read again. A group whose cases changed meanwhile
    (another delivery committed a case for the same address, or a case was closed) is matched
    again against what is there now: its signals move to where they belong now and the cases
    this batch made for it are removed, before anything is committed. Deadlines, "al bekend"
    and totals of the existing cases that were joined are computed under the lock, from the
    rows as they are then.
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
    result = MatchResult()
    batch = _Batch(contexts, today, rows)
    if not batch.pending:
        store(signals)
        return result
    with transaction.atomic():
        existing = batch.existing_cases()
        before = {key: _state(cases) for key, cases in existing.items()}
        touched, assignments = batch.assign(batch.pending, existing)
        new = [c for c in touched if c.new]
        batch.prepare(new)
        _insert_cases([c.obj for c in new])
        for key, case in assignments:
            by_key[key].case_id = case.obj.pk
        store(signals)

        batch.lock()
        now = batch.existing_cases(exclude=[c.obj.pk for c in new])
        groups = {(s.org, s.group) for s in batch.pending}
        changed = {key for key in groups if _state(now[key]) != before.get(key, ())}
        current = {c.obj.pk: c.obj for cases in now.values() for c in cases}
        joined = []
        for c in touched:
            if not c.new and (c.obj.organisation_id, c.obj.address_key) not in changed:
                c.obj = current[c.obj.pk]  # as it is now, under the lock
                joined.append(c)
        if changed:
            stale = [c.obj.pk for c in new if (c.obj.organisation_id, c.obj.address_key) in changed]
            redone, moves = batch.assign(
                [s for s in batch.pending if (s.org, s.group) in changed], now
            )
            made = [c for c in redone if c.new]
            batch.prepare(made)
            _insert_cases([c.obj for c in made])
            _link([(by_key[key].pk, case) for key, case in moves])
            for key, case in moves:
                by_key[key].case_id = case.obj.pk
            # Made by this batch a moment ago, never seen by anyone: no signal points at them now.
            SignalCase.objects.filter(pk__any=stale).delete()
            removed = set(stale)
            new = [c for c in new if c.obj.pk not in removed] + made
            joined += [c for c in redone if not c.new]
        batch.prepare(joined)
        batch.update_joined(joined)
    result.signals += len(batch.pending)
    result.cases_created += len(new)
    result.cases_joined += len(joined)
    result.case_ids += [c.obj.pk for c in new + joined]
    return result


@contextlib.contextmanager
def _index_probes():
    """PostgreSQL: the statements inside look rows up through an index, not by reading the
    whole table (``enable_seqscan`` off for them, inside the transaction).

    Reading the cases of ten thousand addresses is ten thousand probes of
    ``signalcase_address_idx``. Until the table has statistics (autovacuum may be off, or
    behind a bulk intake) the planner takes each ``address_key`` to match 1/200 of the rows
    and reads the whole table instead, in parallel: at a million cases five times the work
    of the probes (EXPLAIN ANALYZE, bench_signals.py), twice per chunk.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")


def _state(cases: list) -> tuple:
    """What the assignment of a group's signals depends on: its cases and their periods."""
    return tuple(
        (c.obj.pk, c.obj.status, c.obj.startdatum_matchingperiode, c.obj.einddatum_matchingperiode)
        for c in cases
        if not c.new
    )


def _group_of(address_key: str, bsn_hash: str, pk) -> str:
    if address_key:
        return address_key
    if bsn_hash:
        return bsn_hash
    return uuid.uuid5(uuid.NAMESPACE_OID, f"signal:{pk}").hex


class _Batch:
    """The signals matched together (sorted by gemeente, group, date), their gemeenten's
    rules, and the open households at their addresses or with their BSN hashes."""

    def __init__(self, contexts: dict, today, rows):
        self.contexts = contexts
        self.today = today
        self.pending = sorted(
            (
                _Pending(pk, org, _group_of(key, bsn, pk), bsn, day, partner, crisis, pc, nr, *rest)
                for org, pk, key, bsn, day, partner, crisis, pc, nr, *rest in rows
            ),
            key=lambda s: (s.org, s.group, s.signaaldatum, s.pk),
        )
        if not self.pending:
            return
        self.orgs = sorted({s.org for s in self.pending})
        self.earliest = min(s.signaaldatum for s in self.pending)
        self.longest = max(contexts[org].repeat for org in self.orgs)
        # Read before the gemeenten are locked: the lock guards cases, not households, and
        # another delivery's chunk may be waiting for it.
        self.households = _open_households(self.orgs, self.pending)

    def lock(self) -> None:
        """One gemeente's row locked per gemeente (always in the same order: no deadlock), so
        two batches cannot both create a case for one address. NO KEY UPDATE: excludes the
        other matchers, but not the foreign-key checks of rows that point at the gemeente
        (FOR KEY SHARE), such as another delivery's signals and log records."""
        model = type(self.contexts[self.orgs[0]].organisation)
        list(model.objects.select_for_update(no_key=True).filter(pk__in=self.orgs).order_by("pk"))

    def existing_cases(self, exclude: list | None = None) -> defaultdict:
        """The cases a signal of the batch may join (open) or that make it "herhaald", per
        (gemeente, group), the oldest first (as the signals joined them); not those of
        ``exclude`` (pks)."""
        query = SignalCase.objects.filter(
            # By address key alone (signalcase_address_idx): one index probe per address; the
            # gemeente is checked through the key of the result.
            address_key__any=sorted({s.group for s in self.pending})
        ).filter(
            Q(status=CaseStatus.OPEN)
            | Q(startdatum_matchingperiode__gte=self.earliest - self.longest)
        )
        with _index_probes():
            # Sorted here, not by the database: ORDER BY id tempts it into walking the
            # primary key instead.
            found = sorted(query.values_list(*_EXISTING), key=lambda values: values[0])
        skip = set(exclude or ())
        existing: defaultdict = defaultdict(list)
        for values in found:
            if values[0] in skip:
                continue
            case = _NewCase(**dict(zip(_EXISTING, values, strict=True)))
            existing[(case.organisation_id, case.address_key)].append(_Case(case, new=False))
        return existing

    def assign(self, pending: list[_Pending], existing: defaultdict):
        """Each signal to the open case of its group whose period covers it, else to a new
        case (appended to ``existing``). Returns the cases touched (in group order) and
        (signal pk, case) per signal."""
        assignments: list[tuple[object, _Case]] = []
        keys: dict = {}
        for s in pending:
            context = self.contexts[s.org]
            key = (s.org, s.group)
            keys[key] = None
            cases = existing[key]
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
                        matchingsdatum=self.today,
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
        touched = [c for key in keys for c in existing[key] if c.touched]
        return touched, assignments

    def prepare(self, cases: list[_Case]) -> None:
        """Deadline and "al bekend" of these cases; the totals of the new ones (all their
        signals are in the batch, so they are known before the insert)."""
        for c in cases:
            settings = self.contexts[c.obj.organisation_id].settings
            days = deadline_days_for(settings, c.types, c.crisis)
            due = self.today + datetime.timedelta(days=days)
            c.obj.deadline = min(c.obj.deadline, due) if c.obj.deadline else due
        _known(cases, self.households)
        for c in cases:
            if c.new:
                _apply_totals(
                    c.obj,
                    self.contexts[c.obj.organisation_id].weights,
                    count=c.count,
                    creditors=len(c.creditors),
                    amount=c.amount,
                    crisis=c.crisis,
                    threatening=bool(c.types & THREATENING),
                    warm=c.warm,
                    wijk=c.wijk,
                )

    def update_joined(self, joined: list[_Case]) -> None:
        """Totals of existing cases that signals joined, from all their signals."""
        if not joined:
            return
        _totals(joined, self.contexts)
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


def _match_batch(contexts: dict, today, rows, result: MatchResult) -> None:
    """Match stored signals (``rows``: (gemeente pk, *_FIELDS) per signal) under the lock of
    their gemeenten: read the cases, assign, write the new cases, link the signals."""
    batch = _Batch(contexts, today, rows)
    if not batch.pending:
        return
    with transaction.atomic():
        batch.lock()
        touched, assignments = batch.assign(batch.pending, batch.existing_cases())
        new = [c for c in touched if c.new]
        joined = [c for c in touched if not c.new]
        batch.prepare(touched)
        _insert_cases([c.obj for c in new])
        _link(assignments)
        batch.update_joined(joined)
    result.signals += len(batch.pending)
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
