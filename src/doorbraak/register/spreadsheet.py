"""Import and export of register entries as CSV or XLSX.

The first row holds the column names (lower case; order free). One row is one entry of the
importing organisation; an entry is found again by its name, so importing the same file twice
changes nothing (and an edited file updates the entries it names).

=================  ========  ==============================================================
column             required  content
=================  ========  ==============================================================
naam               yes       name of the function or team, unique within the organisation
soort              yes       ``maatwerkfunctionaris`` or ``team``
mandaat            yes       what the maatwerkfunctionaris or team may decide
email              yes       central, functional e-mail address
telefoon           yes       central phone number
leefgebieden       no        ZRM 2017 codes separated by ``;`` (``financien;huisvesting``)
wetten             no        law names separated by ``;`` (``Participatiewet;Wmo 2015``)
gemeenten          no        CBS codes separated by ``;`` (``GM0599;GM0606``); ``alle`` means
                             every gemeente (national agencies), and may stand beside codes
regio              no        a region in words
bereikbaarheid     no        when and how the entry can be reached
gecontroleerd_op   no        date of the last check, ``dd-mm-jjjj`` or ``jjjj-mm-dd``; empty:
                             today for a new entry, unchanged for an existing one
organisatie        no        written by the export; when given it must be the own
                             organisation (its name or short name)
actief             no        ``ja`` or ``nee``; empty: ``ja`` for a new entry, unchanged otherwise
=================  ========  ==============================================================

A CSV file may be separated by ``;`` (as Dutch spreadsheets save it), ``,`` or a tab, in UTF-8
or Windows-1252. An XLSX file is read from its first sheet.

Every row is checked on its own and stored whole or not at all: a bad row is reported with its
row number (as the spreadsheet numbers it, the header being row 1) and the column, and the good
rows are kept. A file with an unknown or missing column is refused as a whole, before any row.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from doorbraak.core.models import Organisation, OrganisationType
from doorbraak.households import zrm

from . import services
from .models import EntryKind, RegisterEntry

COLUMNS = [
    "organisatie",
    "naam",
    "soort",
    "mandaat",
    "leefgebieden",
    "wetten",
    "gemeenten",
    "regio",
    "email",
    "telefoon",
    "bereikbaarheid",
    "gecontroleerd_op",
    "actief",
]
REQUIRED = ["naam", "soort", "mandaat", "email", "telefoon"]
ALL_GEMEENTEN = "alle"
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024

PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{7,24}$")
CBS_CODE = re.compile(r"^GM\d{4}$")
DOMAIN_CODES = [code for code, _label in zrm.DOMAINS_2017]
LIMITS = {"naam": 200, "regio": 200, "telefoon": 30, "bereikbaarheid": 300}
# Optional columns and the entry fields they fill.
OPTIONAL_FIELDS = {
    "leefgebieden": ("domains",),
    "wetten": ("laws",),
    "gemeenten": ("nationwide", "gemeenten"),
    "regio": ("region",),
    "bereikbaarheid": ("availability",),
}
YES = {"ja", "j", "yes", "true", "1", "waar"}
NO = {"nee", "n", "no", "false", "0", "onwaar"}


class ImportFileError(Exception):
    """The file as a whole cannot be imported; ``problems`` says why, in words for the user."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    problem: str

    @property
    def message(self) -> str:
        return _("Row %(row)s, column %(column)s: %(problem)s") % {
            "row": self.row,
            "column": self.column,
            "problem": self.problem,
        }


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})


# --- Reading a file -------------------------------------------------------------------------


def read_table(name: str, content: bytes) -> list[list]:
    """The rows of a CSV or XLSX file (the header first) as lists of cell values."""
    if len(content) > MAX_BYTES:
        raise ImportFileError([_("The file is larger than 5 MB.")])
    if not content.strip():
        raise ImportFileError([_("The file is empty.")])
    if content[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    return _read_csv(content)


def _read_xlsx(content: bytes) -> list[list]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken or foreign file
        raise ImportFileError([_("The file is not a readable XLSX file.")]) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def _read_csv(content: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly every byte
        raise ImportFileError([_("The file is not a readable CSV file.")])
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count) if first_line else ";"
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise ImportFileError([_("The file is not a readable CSV file.")]) from None


# --- Checking rows --------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    text = str(value).strip()
    # The export guards cells against formula injection with a leading apostrophe.
    if text[:2] in {"'=", "'+", "'-", "'@"}:
        text = text[1:]
    return text


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _header(raw: list) -> dict[str, int]:
    names = [_text(cell).lower() for cell in raw]
    problems = []
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        if not name:
            continue
        if name in positions:
            problems.append(_("Column %(column)s appears twice.") % {"column": name})
        positions[name] = index
    unknown = [n for n in positions if n not in COLUMNS]
    if unknown:
        problems.append(
            _("Unknown column(s): %(columns)s. Known columns: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(COLUMNS)}
        )
    missing = [n for n in REQUIRED if n not in positions]
    if missing:
        problems.append(
            _("Missing column(s): %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(missing)}
        )
    if problems:
        raise ImportFileError(problems)
    return positions


class _RowChecker:
    def __init__(self, organisation, today):
        self.organisation = organisation
        self.today = today
        self.gemeenten = {
            o.cbs_code: o for o in Organisation.objects.filter(type=OrganisationType.GEMEENTE)
        }
        self.own_names = {n.casefold() for n in (organisation.name, organisation.short_name) if n}

    def check(self, number: int, cells: dict, existing: RegisterEntry | None):
        """(data for services.entry_opslaan, problems) of one row."""
        problems: list[RowProblem] = []

        def problem(column, text):
            problems.append(RowProblem(number, column, text))

        data: dict = {}
        values = {name: _text(value) for name, value in cells.items()}

        for column in REQUIRED:
            if not values.get(column):
                problem(column, _("is required."))
        for column, limit in LIMITS.items():
            if len(values.get(column, "")) > limit:
                problem(column, _("is longer than %(limit)s characters.") % {"limit": limit})

        organisation = values.get("organisatie", "")
        if organisation and organisation.casefold() not in self.own_names:
            problem(
                "organisatie",
                _("names %(name)s; you can only import entries of your own organisation.")
                % {"name": organisation},
            )

        data["name"] = values.get("naam", "")
        data["mandate"] = values.get("mandaat", "")
        kind = values.get("soort", "").lower()
        if kind and kind not in EntryKind.values:
            problem(
                "soort",
                _("must be maatwerkfunctionaris or team, not %(value)s.") % {"value": kind},
            )
        data["kind"] = kind

        domains = [d.lower() for d in _split(values.get("leefgebieden", ""))]
        unknown = [d for d in domains if d not in DOMAIN_CODES]
        if unknown:
            problem(
                "leefgebieden",
                _("unknown life-domain code(s): %(codes)s.") % {"codes": ", ".join(unknown)},
            )
        data["domains"] = [d for d in DOMAIN_CODES if d in domains]
        data["laws"] = list(dict.fromkeys(_split(values.get("wetten", ""))))
        if any(len(law) > 100 for law in data["laws"]):
            problem("wetten", _("a law name is longer than 100 characters."))

        codes = [c.upper() for c in _split(values.get("gemeenten", ""))]
        data["nationwide"] = ALL_GEMEENTEN.upper() in codes
        codes = [c for c in codes if c != ALL_GEMEENTEN.upper()]
        malformed = [c for c in codes if not CBS_CODE.match(c)]
        unknown = [c for c in codes if CBS_CODE.match(c) and c not in self.gemeenten]
        if malformed:
            problem(
                "gemeenten",
                _("not a CBS gemeente code (GM and four digits): %(codes)s.")
                % {"codes": ", ".join(malformed)},
            )
        if unknown:
            problem(
                "gemeenten",
                _("no gemeente has the CBS code(s) %(codes)s.") % {"codes": ", ".join(unknown)},
            )
        data["gemeenten"] = [self.gemeenten[c] for c in dict.fromkeys(codes) if c in self.gemeenten]
        data["region"] = values.get("regio", "")

        email = values.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problem("email", _("%(value)s is not a valid e-mail address.") % {"value": email})
        data["email"] = email
        phone = values.get("telefoon", "")
        if phone and not PHONE.match(phone):
            problem("telefoon", _("%(value)s is not a phone number.") % {"value": phone})
        data["phone"] = phone
        data["availability"] = values.get("bereikbaarheid", "")

        raw_date = cells.get("gecontroleerd_op")
        if _text(raw_date):
            verified = _date(raw_date)
            if verified is None:
                problem(
                    "gecontroleerd_op",
                    _("%(value)s is not a date (dd-mm-jjjj or jjjj-mm-dd).")
                    % {"value": _text(raw_date)},
                )
            elif verified > self.today:
                problem("gecontroleerd_op", _("lies in the future."))
            else:
                data["last_verified_on"] = verified
        elif existing is None:
            data["last_verified_on"] = self.today

        active = values.get("actief", "").lower()
        if active in YES:
            data["active"] = True
        elif active in NO:
            data["active"] = False
        elif active:
            problem("actief", _("must be ja or nee."))
        elif existing is None:
            data["active"] = True
        # A column the file leaves out leaves that field of an existing entry as it is.
        for column, fields in OPTIONAL_FIELDS.items():
            if column not in cells:
                for name in fields:
                    data.pop(name, None)
        return data, problems


def _changes(entry: RegisterEntry, data: dict) -> bool:
    for name in (*services.ENTRY_FIELDS, "active"):
        if name in data and getattr(entry, name) != data[name]:
            return True
    if "gemeenten" not in data:
        return False
    current = set(entry.gemeenten.values_list("pk", flat=True))
    return current != {g.pk for g in data["gemeenten"]}


def import_entries(*, actor, rows: list[list], today=None) -> ImportResult:
    """Store every good row for the actor's organisation; report every bad one."""
    today = today or timezone.localdate()
    rows = [row for row in rows if any(_text(cell) for cell in row)] if rows else []
    if not rows:
        raise ImportFileError([_("The file is empty.")])
    positions = _header(rows[0])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(
            [_("The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS}]
        )
    checker = _RowChecker(actor.organisation, today)
    existing = {
        e.name.casefold(): e for e in RegisterEntry.objects.filter(organisation=actor.organisation)
    }
    seen: dict[str, int] = {}
    result = ImportResult()
    for offset, raw in enumerate(rows[1:]):
        number = offset + 2  # the header is row 1
        cells = {name: (raw[i] if i < len(raw) else None) for name, i in positions.items()}
        key = _text(cells.get("naam")).casefold()
        entry = existing.get(key)
        data, problems = checker.check(number, cells, entry)
        if key and key in seen:
            problems.append(
                RowProblem(
                    number,
                    "naam",
                    _("the same name is in row %(row)s; each name once per file.")
                    % {"row": seen[key]},
                )
            )
        if key:
            seen.setdefault(key, number)
        if problems:
            result.problems.extend(problems)
            continue
        if entry is not None and not _changes(entry, data):
            result.unchanged += 1
            continue
        try:
            with transaction.atomic():
                active = data.pop("active", None)
                saved = services.entry_opslaan(actor=actor, data=data, entry=entry)
                if active is not None and saved.active != active:
                    services.entry_actief(actor=actor, entry=saved, active=active)
        except (IntegrityError, DataError, ValidationError):
            # One row never stops the others: the row is reported instead.
            result.problems.append(
                RowProblem(number, "naam", _("could not be stored; check the row's values."))
            )
            continue
        existing[key] = saved
        if entry is None:
            result.created += 1
        else:
            result.updated += 1
    return result


# --- Writing a file -------------------------------------------------------------------------


def _safe(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula (CSV injection)."""
    if value and (value[0] in "=@" or (value[0] in "+-" and not PHONE.match(value))):
        return "'" + value
    return value


def entry_row(entry: RegisterEntry) -> dict:
    codes = ([ALL_GEMEENTEN] if entry.nationwide else []) + [
        g.cbs_code for g in entry.gemeenten.all()
    ]
    return {
        "organisatie": entry.organisation.name,
        "naam": entry.name,
        "soort": entry.kind,
        "mandaat": entry.mandate,
        "leefgebieden": ";".join(entry.domains or []),
        "wetten": ";".join(entry.laws or []),
        "gemeenten": ";".join(codes),
        "regio": entry.region,
        "email": entry.email,
        "telefoon": entry.phone,
        "bereikbaarheid": entry.availability,
        "gecontroleerd_op": entry.last_verified_on,
        "actief": "ja" if entry.active else "nee",
    }


def to_csv(entries) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        row = entry_row(entry)
        row["gecontroleerd_op"] = row["gecontroleerd_op"].strftime("%d-%m-%Y")
        writer.writerow([_safe(str(row[c])) for c in COLUMNS])
    # A byte-order mark makes spreadsheet programs read the file as UTF-8.
    return "\ufeff" + out.getvalue()


def to_xlsx(entries) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Maatwerkregister"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in entries:
        row = entry_row(entry)
        sheet.append([row[c] if c == "gecontroleerd_op" else _safe(str(row[c])) for c in COLUMNS])
        sheet.cell(
            row=sheet.max_row, column=COLUMNS.index("gecontroleerd_op") + 1
        ).number_format = "DD-MM-YYYY"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
