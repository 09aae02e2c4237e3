"""Checking one row of a delivery: cleaned values, or a list of errors per column in words.

Pure: no database. ``validate_row(values, today=..., seen=...)`` takes a dict keyed by the
template column names (``template.NAMES``) with the raw cell values (text from a CSV, numbers
and dates from an XLSX, JSON values from the API) and returns a ``RowResult``. Messages name
the bad value where that value is not personal data (dates of the signal, amounts, codes), and
never a BSN, name, date of birth or address.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from doorbraak.core import bsn as bsn_rules

from .codes import Signaalpartner

MAX_ID = 100
MAX_AMOUNT = Decimal("99999999")
POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
HOUSE_NUMBER = re.compile(r"^[0-9]{1,5}$")
GEMEENTECODE = re.compile(r"^(?:GM)?([0-9]{4})$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{7,24}$")
AMOUNT = re.compile(r"-?[0-9]+(\.[0-9]{1,2})?")
YES = {"ja", "j", "yes", "y", "true", "waar", "1"}
NO = {"nee", "n", "no", "false", "onwaar", "0"}
LIMITS = {
    "Voorletters": 20,
    "Voorvoegsel": 200,
    "Achternaam": 200,
    "Straatnaam": 200,
    "Huisnummertoevoeging": 4,
    "Plaatsnaam": 200,
}

#: The DDAS type in lower case, and the words people use for it, → the DDAS value.
SIGNAL_TYPES: dict[str, str] = {value.casefold(): value for value in Signaalpartner.values}
SIGNAL_TYPES.update(
    {
        "huurachterstand": Signaalpartner.HUUR,
        "woningcorporatie": Signaalpartner.HUUR,
        "verhuurder": Signaalpartner.HUUR,
        "woning": Signaalpartner.HUUR,
        "energieleverancier": Signaalpartner.ENERGIE,
        "gas": Signaalpartner.ENERGIE,
        "elektriciteit": Signaalpartner.ENERGIE,
        "stroom": Signaalpartner.ENERGIE,
        "drinkwater": Signaalpartner.WATER,
        "waterbedrijf": Signaalpartner.WATER,
        "zorgverzekeraar": Signaalpartner.ZORG,
        "zorgverzekering": Signaalpartner.ZORG,
        "zorgpremie": Signaalpartner.ZORG,
        "cak": Signaalpartner.CAK_ZORGVERZEKERINGEN,
        "hypotheekverstrekker": Signaalpartner.HYPOTHEEK,
        "toeslagen": Signaalpartner.DIENST_TOESLAGEN,
        "belasting": Signaalpartner.BELASTINGDIENST,
        "overig": Signaalpartner.OVERIGE,
        "anders": Signaalpartner.OVERIGE,
    }
)


@dataclass
class RowResult:
    cleaned: dict = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def error(self, column: str, message: str) -> None:
        self.errors.append({"column": column, "message": message})


def text(value) -> str:
    """A cell as text: numbers without a trailing .0, dates as ISO, stripped."""
    if type(value) is str:  # CSV cells: the usual case first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        try:  # ISO, the usual case: far cheaper than strptime
            return datetime.date.fromisoformat(raw)
        except ValueError:
            return None
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None


def parse_amount(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    raw = text(value).replace("€", "").replace(" ", "").replace("\u00a0", "")
    if not raw:
        return None
    if "," in raw and "." in raw:
        # 1.234,56 (Dutch) or 1,234.56 (English): the last separator is the decimal one.
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    else:
        raw = raw.replace(",", ".")
    if not AMOUNT.fullmatch(raw):
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern excludes it
        return None


def parse_bool(value) -> bool | None:
    if isinstance(value, bool):
        return value
    raw = text(value).casefold()
    if raw in YES:
        return True
    if raw in NO:
        return False
    return None


def signal_type(value) -> str | None:
    return SIGNAL_TYPES.get(text(value).casefold())


def normalise_gemeentecode(value) -> str | None:
    """``GM0599`` from ``GM0599``, ``gm0599``, ``0599`` or ``599``; None when it is no code."""
    raw = text(value).upper().replace(" ", "")
    if raw.isdigit() and len(raw) < 4:
        raw = raw.zfill(4)
    match = GEMEENTECODE.match(raw)
    return f"GM{match.group(1)}" if match else None


def normalise_postcode(value) -> str:
    return text(value).upper().replace(" ", "")


def validate_row(values: dict, *, today: datetime.date, seen: dict | None = None) -> RowResult:
    """Check one row. ``seen`` maps the IDs met earlier in the same file to their row number,
    or to None when the row number is not known (the caller adds this row's ID after the call,
    ``result.cleaned['external_id']``)."""
    result = RowResult()
    cleaned = result.cleaned

    # ID
    external_id = text(values.get("ID"))
    if not external_id:
        result.error("ID", _("is required."))
    elif len(external_id) > MAX_ID:
        result.error("ID", _("is longer than %(max)s characters.") % {"max": MAX_ID})
    elif seen is not None and external_id in seen:
        if seen[external_id] is None:
            result.error(
                "ID",
                _("%(value)s is also in an earlier row; each ID once per file.")
                % {"value": external_id},
            )
        else:
            result.error(
                "ID",
                _("%(value)s is also in row %(row)s; each ID once per file.")
                % {"value": external_id, "row": seen[external_id]},
            )
    cleaned["external_id"] = external_id

    # signal type
    raw_type = text(values.get("signaalpartner"))
    kind = signal_type(raw_type)
    if not raw_type:
        result.error("signaalpartner", _("is required."))
    elif kind is None:
        result.error(
            "signaalpartner",
            _("%(value)s is not a kind of signal; use one of: %(allowed)s.")
            % {"value": raw_type[:50], "allowed": ", ".join(Signaalpartner.values)},
        )
    cleaned["signaalpartner"] = kind or ""

    # booleans
    for column, name, default in (
        ("crisissignaal", "crisissignaal", False),
        ("warmeOverdracht", "warme_overdracht", False),
        ("delen_aangeboden", "delen_aangeboden", None),
    ):
        raw = values.get(column)
        if text(raw) == "":
            cleaned[name] = default
            continue
        parsed = parse_bool(raw)
        if parsed is None:
            result.error(column, _("%(value)s is not ja or nee.") % {"value": text(raw)[:50]})
        cleaned[name] = parsed if parsed is not None else default

    # amount
    raw_amount = values.get("bedrag")
    if text(raw_amount) == "":
        result.error("bedrag", _("is required."))
        cleaned["bedrag"] = None
    else:
        amount = parse_amount(raw_amount)
        if amount is None:
            result.error(
                "bedrag",
                _("%(value)s is not an amount in euros (for example 450 or 450,00).")
                % {"value": text(raw_amount)[:50]},
            )
        elif amount < 0:
            result.error(
                "bedrag",
                _("%(value)s is negative; give the amount in arrears.")
                % {"value": text(raw_amount)[:50]},
            )
            amount = None
        elif amount > MAX_AMOUNT:
            result.error(
                "bedrag",
                _("%(value)s is more than the maximum of %(max)s euros.")
                % {"value": text(raw_amount)[:50], "max": MAX_AMOUNT},
            )
            amount = None
        cleaned["bedrag"] = amount

    # dates of the signal (not personal data: named in the message)
    for column, name, required in (
        ("signaaldatum", "signaaldatum", True),
        ("ontstaansdatum", "ontstaansdatum", False),
        ("aanmaningsdatum", "aanmaningsdatum", False),
    ):
        raw = values.get(column)
        cleaned[name] = None
        if text(raw) == "":
            if required:
                result.error(column, _("is required."))
            continue
        day = parse_date(raw)
        if day is None:
            result.error(
                column,
                _("%(value)s is not a date (jjjj-mm-dd or dd-mm-jjjj).")
                % {"value": text(raw)[:50]},
            )
        elif day > today:
            result.error(
                column, _("%(value)s lies in the future.") % {"value": day.strftime("%d-%m-%Y")}
            )
        else:
            cleaned[name] = day
    if (
        cleaned["ontstaansdatum"]
        and cleaned["signaaldatum"]
        and cleaned["ontstaansdatum"] > cleaned["signaaldatum"]
    ):
        result.error(
            "ontstaansdatum",
            _("%(start)s lies after the signaaldatum %(signal)s.")
            % {
                "start": cleaned["ontstaansdatum"].strftime("%d-%m-%Y"),
                "signal": cleaned["signaaldatum"].strftime("%d-%m-%Y"),
            },
        )

    # client: personal data, never named in a message
    raw_bsn = text(values.get("Burgerservicenummer"))
    cleaned["bsn"] = ""
    if raw_bsn:
        if bsn_rules.is_valid(raw_bsn):
            cleaned["bsn"] = bsn_rules.normalise(raw_bsn).zfill(9)
        else:
            result.error(
                "Burgerservicenummer",
                _("is not a valid BSN (nine digits that pass the elfproef)."),
            )

    for column, limit in LIMITS.items():
        value = text(values.get(column))
        if len(value) > limit:
            result.error(column, _("is longer than %(max)s characters.") % {"max": limit})
        cleaned[column.lower()] = value[:limit]
    if not cleaned["achternaam"]:
        result.error("Achternaam", _("is required."))

    raw_birth = values.get("Geboortedatum")
    cleaned["geboortedatum"] = None
    if text(raw_birth):
        born = parse_date(raw_birth)
        if born is None:
            result.error("Geboortedatum", _("is not a date (jjjj-mm-dd or dd-mm-jjjj)."))
        elif born > today:
            result.error("Geboortedatum", _("lies in the future."))
        elif born.year < 1890:
            result.error("Geboortedatum", _("lies before 1890."))
        else:
            cleaned["geboortedatum"] = born

    postcode = normalise_postcode(values.get("Postcode"))
    if not postcode:
        result.error("Postcode", _("is required."))
    elif not POSTCODE.match(postcode):
        result.error(
            "Postcode", _("is not a Dutch postcode (four digits and two letters, 1234AB).")
        )
    cleaned["postcode"] = postcode if POSTCODE.match(postcode) else ""

    number = text(values.get("Huisnummer"))
    if not number:
        result.error("Huisnummer", _("is required."))
    elif not HOUSE_NUMBER.match(number):
        result.error(
            "Huisnummer",
            _("must be a number of at most 5 digits; put letters in Huisnummertoevoeging."),
        )
    cleaned["huisnummer"] = number if HOUSE_NUMBER.match(number) else ""

    phone = text(values.get("telefoon"))
    if phone and not PHONE.match(phone):
        result.error("telefoon", _("is not a phone number."))
    cleaned["telefoon"] = phone[:30]
    email = text(values.get("email"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            result.error("email", _("is not a valid e-mail address."))
    cleaned["email"] = email[:254]

    raw_code = text(values.get("gemeentecode"))
    cleaned["gemeente_code"] = ""
    if raw_code:
        code = normalise_gemeentecode(raw_code)
        if code is None:
            result.error(
                "gemeentecode",
                _("%(value)s is not a CBS gemeente code (GM and four digits, e.g. GM0599).")
                % {"value": raw_code[:50]},
            )
        else:
            cleaned["gemeente_code"] = code
    return result
