"""Checking one row (pure: no database) and the header rules of the readers."""

import datetime
import io
from decimal import Decimal

from django.utils import translation

import pytest

from doorbraak.signals import parsing, template, validation

from .factories_intake import TODAY, csv_bytes, row


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def check(**fields):
    return validation.validate_row(row(**fields), today=TODAY, seen={})


def test_a_valid_row_is_cleaned():
    result = check()
    assert result.valid, result.errors
    cleaned = result.cleaned
    assert cleaned["external_id"] == "S-1"
    assert cleaned["signaalpartner"] == "Huur"
    assert cleaned["bedrag"] == Decimal("450.00")
    assert cleaned["signaaldatum"] == datetime.date(2026, 3, 6)
    assert cleaned["geboortedatum"] == datetime.date(1980, 5, 17)
    assert cleaned["postcode"] == "3072AP"
    assert cleaned["delen_aangeboden"] is True
    assert cleaned["crisissignaal"] is False


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        ("450", "450"),
        ("450,5", "450.5"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("€ 12", "12"),
        (450, "450"),
        (12.5, "12.5"),
    ],
)
def test_amounts_with_a_decimal_comma_or_point(raw, amount):
    assert check(bedrag=raw).cleaned["bedrag"] == Decimal(amount)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("huur", "Huur"),
        ("HUUR", "Huur"),
        ("energie", "Energie"),
        ("gas", "Energie"),
        ("drinkwater", "Water"),
        ("zorgverzekeraar", "Zorg"),
        ("cak zorgverzekeringen", "CAK Zorgverzekeringen"),
        ("toeslagen", "Dienst Toeslagen"),
    ],
)
def test_signal_types_case_insensitive_and_aliases(raw, kind):
    assert check(signaalpartner=raw).cleaned["signaalpartner"] == kind


@pytest.mark.parametrize(
    ("raw", "value"),
    [("ja", True), ("Nee", False), ("true", True), ("0", False), ("1", True), (True, True)],
)
def test_booleans(raw, value):
    assert check(crisissignaal=raw).cleaned["crisissignaal"] is value


def test_errors_name_the_column_and_never_personal_data():
    result = check(
        Burgerservicenummer="123456789",
        Geboortedatum="31-31-1980",
        Postcode="AB1234",
        ontstaansdatum="2026-03-08",
        email="geen-mail",
        ID="x" * 101,
    )
    errors = {e["column"]: e["message"] for e in result.errors}
    assert errors == {
        "ID": "is langer dan 100 tekens.",
        "ontstaansdatum": "08-03-2026 ligt na de signaaldatum 06-03-2026.",
        "Burgerservicenummer": "is geen geldig BSN (negen cijfers die aan de elfproef voldoen).",
        "Geboortedatum": "is geen datum (jjjj-mm-dd of dd-mm-jjjj).",
        "Postcode": "is geen Nederlandse postcode (vier cijfers en twee letters, 1234AB).",
        "email": "is geen geldig e-mailadres.",
    }
    text = " ".join(errors.values())
    assert "123456789" not in text and "AB1234" not in text and "1980" not in text


def test_required_values():
    result = validation.validate_row({}, today=TODAY, seen={})
    assert {e["column"] for e in result.errors} == {
        "ID",
        "signaalpartner",
        "bedrag",
        "signaaldatum",
        "Achternaam",
        "Postcode",
        "Huisnummer",
    }
    assert {e["message"] for e in result.errors} == {"is verplicht."}


def test_gemeentecodes():
    assert validation.normalise_gemeentecode("GM0599") == "GM0599"
    assert validation.normalise_gemeentecode("gm0599") == "GM0599"
    assert validation.normalise_gemeentecode("0599") == "GM0599"
    assert validation.normalise_gemeentecode("599") == "GM0599"
    assert validation.normalise_gemeentecode("Rotterdam") is None


def test_headers_are_normalised_and_aliases_accepted():
    header = [
        "id",
        "Signaal partner",
        "BEDRAG",
        "signaal_datum",
        "achternaam",
        "post code",
        "huis-nummer",
        "BSN",
    ]
    content = csv_bytes(
        [
            dict(
                zip(
                    header,
                    ["A", "Huur", "5", "2026-03-01", "V", "3072AP", "1", "111222333"],
                    strict=True,
                )
            )
        ],
        header=header,
    )
    table = parsing.read_table(io.BytesIO(content), "x.csv")
    assert table.columns == [
        "ID",
        "signaalpartner",
        "bedrag",
        "signaaldatum",
        "Achternaam",
        "Postcode",
        "Huisnummer",
        "Burgerservicenummer",
    ]
    [(number, values)] = list(table.rows)
    assert number == 2
    assert values["Burgerservicenummer"] == "111222333"


def test_a_column_twice_is_a_file_error():
    content = csv_bytes([], header=[*template.REQUIRED, "bedrag"])
    with pytest.raises(parsing.FileError) as refused:
        parsing.read_table(io.BytesIO(content), "x.csv")
    assert refused.value.problems == ["Kolom bedrag komt twee keer voor."]


def test_the_json_reader_flattens_ddas_signals():
    body = (
        b'{"vroegsignalen": [{"ID": "A", "signaalpartner": {"type": "Huur"}, "bedrag": 12,'
        b' "client": {"Postcode": "3072AP", "telefoon": "0612345678"}, "status": "x"}]}'
    )
    table = parsing.read_table(io.BytesIO(body), "")
    [(number, values)] = list(table.rows)
    assert number == 1
    assert values["signaalpartner"] == "Huur"
    assert values["Postcode"] == "3072AP"
    assert values["telefoon"] == "0612345678"
    assert table.warnings == []
