"""The template for creditors without IT: one signal per row, CSV or XLSX.

Column names are the DDAS v0.9 names where DDAS has them (``ID``, ``signaalpartner`` for the
``signaalpartner.type``, ``crisissignaal``, ``warmeOverdracht``, ``bedrag``, ``ontstaansdatum``,
``signaaldatum`` and the ``client`` fields ``Burgerservicenummer`` … ``Plaatsnaam``), plus the
platform's optional columns ``gemeentecode``, ``aanmaningsdatum``, ``delen_aangeboden``,
``telefoon`` and ``email``. Headers are matched without regard to case, spaces, ``_`` and ``-``;
the order of the columns is free. ``docs/vroegsignalering.md`` documents the same table.
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openpyxl import Workbook
from openpyxl.styles import Font


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str
    example: str


COLUMNS: list[Column] = [
    Column(
        "ID",
        True,
        _("Your own unique id of the signal (at most 100 characters)."),
        "HUUR-2026-0001",
    ),
    Column(
        "signaalpartner",
        True,
        _(
            "Kind of signal (DDAS signaalpartner type): Huur, Energie, Water, Zorg, Hypotheek, "
            "CAK Zorgverzekeringen, DUO, Belastingdienst, CAK Eigen bijdrage, Dienst Toeslagen "
            "or Overige."
        ),
        "Huur",
    ),
    Column("crisissignaal", False, _("ja or nee: eviction or disconnection is imminent."), "nee"),
    Column(
        "warmeOverdracht",
        False,
        _("ja or nee: you already spoke to the resident, who asks to be contacted."),
        "nee",
    ),
    Column(
        "bedrag",
        True,
        _("Amount in arrears in euros, e.g. 450 or 450,00; not negative."),
        "450,00",
    ),
    Column(
        "ontstaansdatum",
        False,
        _("Date the arrears started (jjjj-mm-dd or dd-mm-jjjj)."),
        "15-01-2026",
    ),
    Column(
        "signaaldatum",
        True,
        _("Date you send the signal (jjjj-mm-dd or dd-mm-jjjj); not in the future."),
        "01-03-2026",
    ),
    Column("Burgerservicenummer", False, _("BSN, nine digits (elfproef), if you have it."), ""),
    Column("Voorletters", False, _("Initials."), "J."),
    Column("Voorvoegsel", False, _("Prefix of the surname, e.g. van der."), "de"),
    Column("Achternaam", True, _("Surname."), "Vries"),
    Column("Geboortedatum", False, _("Date of birth (jjjj-mm-dd or dd-mm-jjjj)."), "17-05-1980"),
    Column("Straatnaam", False, _("Street."), "Dorpsstraat"),
    Column("Postcode", True, _("Postcode, 1234AB (a space is allowed)."), "3072AP"),
    Column("Huisnummer", True, _("House number, digits only (at most 5)."), "12"),
    Column("Huisnummertoevoeging", False, _("Addition to the house number (at most 4)."), "A"),
    Column("Plaatsnaam", False, _("Town."), "Rotterdam"),
    Column(
        "gemeentecode",
        False,
        _(
            "CBS code of the gemeente (GM0599 or 0599). Empty: the gemeentecode of the delivery, "
            "else the postcode table."
        ),
        "GM0599",
    ),
    Column(
        "aanmaningsdatum",
        False,
        _("Date of the written reminder (jjjj-mm-dd or dd-mm-jjjj); the legal checks use it."),
        "15-02-2026",
    ),
    Column(
        "delen_aangeboden",
        False,
        _("ja or nee: the reminder offered to pass the details to the gemeente (landlords)."),
        "ja",
    ),
    Column("telefoon", False, _("Phone number of the resident."), "0612345678"),
    Column("email", False, _("E-mail address of the resident."), "j.devries@example.nl"),
]

NAMES = [c.name for c in COLUMNS]
REQUIRED = [c.name for c in COLUMNS if c.required]

#: Other ways people write a column's name (after normalising) → the template name.
ALIASES = {
    "signaalpartnertype": "signaalpartner",
    "signaalpartner(type)": "signaalpartner",
    "type": "signaalpartner",
    "soort": "signaalpartner",
    "id": "ID",
    "bsn": "Burgerservicenummer",
    "huisnr": "Huisnummer",
    "toevoeging": "Huisnummertoevoeging",
    "woonplaats": "Plaatsnaam",
    "telefoonnummer": "telefoon",
    "emailadres": "email",
}


def normalise_header(name) -> str:
    return "".join(ch for ch in str(name or "").strip().casefold() if ch not in " _-.\t\ufeff")


_CANONICAL = {normalise_header(n): n for n in NAMES}
_CANONICAL.update({normalise_header(k): v for k, v in ALIASES.items()})


def canonical(name) -> str | None:
    """The template name of a header cell, or None for a column the template does not know."""
    return _CANONICAL.get(normalise_header(name))


def example_row() -> list[str]:
    return [c.example for c in COLUMNS]


def as_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(NAMES)
    writer.writerow(example_row())
    # A byte-order mark makes spreadsheet programs read the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Signalen"
    sheet.append(NAMES)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # Every cell as text, so a spreadsheet keeps leading zeros (BSN, gemeentecode).
    sheet.append(example_row())
    for cell in sheet[2]:
        cell.number_format = "@"
    sheet.freeze_panes = "A2"
    explanation = workbook.create_sheet("Uitleg")
    explanation.append(["kolom", "verplicht", "inhoud"])
    for cell in explanation[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        explanation.append([column.name, "ja" if column.required else "nee", str(column.help)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
