"""Helpers of the intake tests: a creditor with a staff member, a gemeente, files to send."""

import datetime

from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import OrganisationFactory, actor_for, member

from .factories import CreditorFactory

HEADER = [
    "ID",
    "signaalpartner",
    "crisissignaal",
    "warmeOverdracht",
    "bedrag",
    "ontstaansdatum",
    "signaaldatum",
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
    "gemeentecode",
    "aanmaningsdatum",
    "delen_aangeboden",
    "telefoon",
    "email",
]
TODAY = datetime.date(2026, 3, 10)


def row(**fields) -> dict:
    """A valid row for TODAY (a rent signal of 45 days, reminder with the offer to share)."""
    values = {
        "ID": "S-1",
        "signaalpartner": "Huur",
        "crisissignaal": "nee",
        "warmeOverdracht": "nee",
        "bedrag": "450,00",
        "ontstaansdatum": "2026-01-20",
        "signaaldatum": "2026-03-06",
        "Burgerservicenummer": "111222333",
        "Voorletters": "J.",
        "Voorvoegsel": "de",
        "Achternaam": "Vries",
        "Geboortedatum": "17-05-1980",
        "Straatnaam": "Dorpsstraat",
        "Postcode": "3072 AP",
        "Huisnummer": "12",
        "Huisnummertoevoeging": "",
        "Plaatsnaam": "Rotterdam",
        "gemeentecode": "",
        "aanmaningsdatum": "2026-02-20",
        "delen_aangeboden": "ja",
        "telefoon": "0612345678",
        "email": "",
    }
    values.update(fields)
    return values


def csv_bytes(rows, header=None, delimiter=";", encoding="utf-8") -> bytes:
    header = header or HEADER
    lines = [delimiter.join(header)]
    for values in rows:
        lines.append(delimiter.join(str(values.get(name, "")) for name in header))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def creditor_staff(role=Role.FUNCTIONEEL_BEHEERDER, creditor=None):
    """(creditor, membership, actor) of a creditor's staff member."""
    creditor = creditor or CreditorFactory()
    membership = member(role=role, organisation=creditor)
    return creditor, membership, actor_for(membership)


def gemeente(code="GM0599", name="Gemeente Rotterdam (test)"):
    return OrganisationFactory(cbs_code=code, name=name)
