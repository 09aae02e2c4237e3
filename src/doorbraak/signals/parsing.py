"""Reading a delivery as a stream of rows: ``(row number, {template column: raw value})``.

``read_table(stream, file_name)`` looks at the first bytes and reads CSV, XLSX or JSON. Nothing
holds the whole file in memory: a CSV is decoded and split while it is read (a first pass only
checks the encoding, chunk by chunk), an XLSX is read with openpyxl's read-only mode, and the
merged cells, which that mode cannot see, are found by scanning the sheet's XML as a stream.

Problems with the file as a whole raise ``FileError`` (messages for the creditor, in Dutch
through the catalogue); things the reader fixed itself are ``Table.warnings``. Row numbers are
those a spreadsheet shows: the header is row 1. For JSON the row number is the position in
``vroegsignalen`` counted from 1.
"""

import codecs
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import iterparse  # noqa: S405 - the XML of a zip we opened ourselves

from django.utils.translation import gettext as _

from . import template

CHUNK = 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


class FileError(Exception):
    """The delivery cannot be read as a whole; ``problems`` says why."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = [str(p) for p in problems]


@dataclass
class Table:
    file_format: str
    columns: list[str]
    rows: Iterator[tuple[int, dict]]
    warnings: list[str] = field(default_factory=list)


def sniff_format(head: bytes, file_name: str = "") -> str:
    name = (file_name or "").lower()
    if head.startswith(XLSX_MAGIC) or name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(".json") or head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "json"
    return "csv"


def read_table(stream, file_name: str = "") -> Table:
    """``stream``: a seekable binary file object positioned at its start."""
    head = stream.read(4096)
    stream.seek(0)
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileError([_("The file is empty.")])
    kind = sniff_format(head, file_name)
    if kind == "xlsx":
        return read_xlsx(stream)
    if kind == "json":
        return read_json(stream)
    return read_csv(stream)


# --- header ---------------------------------------------------------------------------------


def _header(cells: list) -> tuple[dict[int, str], list[str], list[str]]:
    """(position → template column, known columns, warnings) of a header row."""
    positions: dict[int, str] = {}
    seen: set[str] = set()
    unknown: list[str] = []
    problems: list[str] = []
    for index, cell in enumerate(cells):
        raw = "" if cell is None else str(cell).strip()
        if not raw:
            continue
        name = template.canonical(raw)
        if name is None:
            unknown.append(raw[:50])
            continue
        if name in seen:
            problems.append(_("Column %(column)s appears twice.") % {"column": name})
            continue
        seen.add(name)
        positions[index] = name
    missing = [name for name in template.REQUIRED if name not in seen]
    if missing:
        problems.append(
            _(
                "Missing column(s): %(columns)s. The first row must name the columns of the "
                "template."
            )
            % {"columns": ", ".join(missing)}
        )
    if problems:
        raise FileError(problems)
    warnings = []
    if unknown:
        warnings.append(
            _("Unknown column(s) ignored: %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    return positions, [positions[i] for i in sorted(positions)], warnings


def _row(positions: dict[int, str], cells) -> dict:
    values = dict.fromkeys(positions.values())
    for index, name in positions.items():
        if index < len(cells):
            values[name] = cells[index]
    return values


def _blank(cells) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


# --- CSV ------------------------------------------------------------------------------------


def detect_encoding(stream) -> str:
    """``utf-8-sig`` when the whole stream is UTF-8 (with or without BOM), else ``cp1252`` when
    it decodes as Windows-1252, else ``latin-1``. Reads the stream once, chunk by chunk."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    utf8_ok = cp1252_ok = True
    stream.seek(0)
    while True:
        chunk = stream.read(CHUNK)
        final = not chunk
        for ok_name, decoder in (("utf8", utf8), ("cp1252", cp1252)):
            if (ok_name == "utf8" and not utf8_ok) or (ok_name == "cp1252" and not cp1252_ok):
                continue
            try:
                decoder.decode(chunk, final=final)
            except UnicodeDecodeError:
                if ok_name == "utf8":
                    utf8_ok = False
                else:
                    cp1252_ok = False
        if final or not (utf8_ok or cp1252_ok):
            break
    stream.seek(0)
    if utf8_ok:
        return "utf-8-sig"
    return "cp1252" if cp1252_ok else "latin-1"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def read_csv(stream) -> Table:
    encoding = detect_encoding(stream)
    warnings = []
    if encoding != "utf-8-sig":
        warnings.append(
            _(
                "The file is not in UTF-8; it was read as Windows-1252 (latin-1). Check that "
                "names with accents such as é and ë came through; save as CSV UTF-8 next time."
            )
        )
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    first_line = text.readline()
    text.seek(0)
    delimiter = _delimiter(first_line)
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise FileError(
            [_("The file is not a readable CSV file (%(error)s).") % {"error": exc}]
        ) from None
    if header is None or _blank(header):
        raise FileError([_("The file is empty.")])
    positions, columns, header_warnings = _header(header)
    warnings.extend(header_warnings)

    def rows():
        number = 1
        try:
            for cells in reader:
                number += 1
                if not cells or _blank(cells):
                    continue
                yield number, _row(positions, cells)
        except csv.Error as exc:
            raise FileError(
                [
                    _("Row %(row)s cannot be read as CSV (%(error)s).")
                    % {"row": number + 1, "error": exc}
                ]
            ) from None

    return Table("csv", columns, rows(), warnings)


# --- XLSX -----------------------------------------------------------------------------------

_CELL = re.compile(r"^[A-Z]{1,3}[0-9]+(:[A-Z]{1,3}[0-9]+)?$")


def merged_ranges(archive: zipfile.ZipFile, sheet_path: str) -> list[str]:
    """The merged cell ranges of one sheet, read from its XML as a stream (the ``mergeCell``
    elements come after the rows; each element is cleared after reading)."""
    ranges = []
    with archive.open(sheet_path) as xml:
        for _event, element in iterparse(xml):  # noqa: S314 - no entities are expanded
            if element.tag.endswith("}mergeCell"):
                ref = element.get("ref", "")
                if _CELL.match(ref):
                    ranges.append(ref)
            element.clear()
    return ranges


def read_xlsx(stream) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many kinds for a broken or foreign file
        raise FileError([_("The file is not a readable XLSX file.")]) from None
    sheet_path = getattr(sheet, "_worksheet_path", "xl/worksheets/sheet1.xml")
    try:
        merged = merged_ranges(workbook._archive, sheet_path.lstrip("/"))
    except (KeyError, zipfile.BadZipFile, SyntaxError):
        workbook.close()
        raise FileError([_("The file is not a readable XLSX file.")]) from None
    if merged:
        workbook.close()
        shown = ", ".join(merged[:10]) + (" …" if len(merged) > 10 else "")
        raise FileError(
            [
                _(
                    "The sheet has merged cells (%(ranges)s). Unmerge them so that every value "
                    "stands in its own cell, and send the file again."
                )
                % {"ranges": shown}
            ]
        )
    iterator = sheet.iter_rows(values_only=True)
    header = next(iterator, None)
    if header is None or _blank(header):
        workbook.close()
        raise FileError([_("The file is empty.")])
    positions, columns, warnings = _header(list(header))

    def rows():
        try:
            for number, cells in enumerate(iterator, start=2):
                if not cells or _blank(cells):
                    continue
                yield number, _row(positions, cells)
        finally:
            workbook.close()

    return Table("xlsx", columns, rows(), warnings)


# --- JSON (the API) -------------------------------------------------------------------------

#: Keys of a DDAS Vroegsignaal (and our optional additions) → template columns.
JSON_FIELDS = {
    "ID": "ID",
    "crisissignaal": "crisissignaal",
    "warmeOverdracht": "warmeOverdracht",
    "bedrag": "bedrag",
    "ontstaansdatum": "ontstaansdatum",
    "signaaldatum": "signaaldatum",
    "gemeentecode": "gemeentecode",
    "aanmaningsdatum": "aanmaningsdatum",
    "delen_aangeboden": "delen_aangeboden",
    "telefoon": "telefoon",
    "email": "email",
}
#: Keys of a DDAS Vroegsignaal that the creditor does not fill (the gemeente does).
JSON_IGNORED = {"status"}
CLIENT_FIELDS = {
    "Burgerservicenummer",
    "Voorletters",
    "Voorvoegsel",
    "Achternaam",
    "Geboortedatum",
    "Straatnaam",
    "Postcode",
    "Huisnummer",
    "Huisnummertoevoeging",
    "Plaatsnaam",
    "telefoon",
    "email",
}


def flatten_signal(item) -> tuple[dict, list[str]]:
    """(template row, unknown keys) of one DDAS Vroegsignaal object."""
    values: dict = dict.fromkeys(template.NAMES)
    unknown: list[str] = []
    if not isinstance(item, dict):
        return values, ["*"]
    for key, value in item.items():
        if key in JSON_FIELDS:
            values[JSON_FIELDS[key]] = value
        elif key == "signaalpartner":
            if isinstance(value, dict):
                values["signaalpartner"] = value.get("type")
            else:
                values["signaalpartner"] = value
        elif key == "client":
            for client_key, client_value in (
                (value or {}).items() if isinstance(value, dict) else ()
            ):
                if client_key in CLIENT_FIELDS:
                    values[client_key] = client_value
                else:
                    unknown.append(f"client.{client_key}")
        elif key not in JSON_IGNORED:
            unknown.append(key)
    for key, value in list(values.items()):
        if isinstance(value, dict | list):
            values[key] = "?"
    return values, unknown


def parse_json_document(payload) -> dict:
    try:
        document = json.loads(payload)
    except (UnicodeDecodeError, ValueError):
        raise FileError([_("The body is not valid JSON.")]) from None
    if not isinstance(document, dict) or not isinstance(document.get("vroegsignalen"), list):
        raise FileError([_("The body must be an object with a list vroegsignalen.")])
    return document


def read_json(stream) -> Table:
    document = parse_json_document(stream.read())
    signals = document["vroegsignalen"]
    warnings: list[str] = []
    unknown_keys: set[str] = set()

    def rows():
        for number, item in enumerate(signals, start=1):
            values, unknown = flatten_signal(item)
            if unknown == ["*"]:
                values["__not_an_object__"] = True
            else:
                unknown_keys.update(unknown)
            yield number, values
        if unknown_keys:
            warnings.append(
                _("Unknown field(s) ignored: %(fields)s.")
                % {"fields": ", ".join(sorted(unknown_keys)[:20])}
            )

    return Table("json", list(template.NAMES), rows(), warnings)
