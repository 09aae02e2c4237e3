"""The corpus of bad files (``corpus/``), each with the messages it must give, and a 50 MB file
read as a stream."""

import datetime
import io
import tracemalloc
from pathlib import Path

import pytest
from freezegun import freeze_time

from doorbraak.signals import intake, parsing, validation
from doorbraak.signals.models import Channel, DeliveryStatus, RejectedRow, Signal

from .factories_intake import TODAY, creditor_staff, gemeente

CORPUS = Path(__file__).parent / "corpus"
MISSING = (
    "Ontbrekende kolom(men): bedrag, Postcode. De eerste rij moet de kolommen van het sjabloon "
    "noemen."
)
LATIN = (
    "Het bestand is niet in UTF-8; het is gelezen als Windows-1252 (latin-1). Controleer of "
    "namen met accenten zoals é en ë goed zijn overgekomen; sla de volgende keer op als CSV UTF-8."
)
TYPES = (
    "Energie, Huur, Hypotheek, CAK Zorgverzekeringen, Zorg, Water, DUO, Belastingdienst, "
    "CAK Eigen bijdrage, Overige, Dienst Toeslagen"
)
BSN = "is geen geldig BSN (negen cijfers die aan de elfproef voldoen)."
POSTCODE = "is geen Nederlandse postcode (vier cijfers en twee letters, 1234AB)."

# file: (status, accepted, rejected, file error, warnings, {(row, column): message})
CASES = {
    "ok-semicolons.csv": ("verwerkt", 2, 0, "", [], {}),
    "ok-commas.csv": ("verwerkt", 2, 0, "", [], {}),
    "bom.csv": ("verwerkt", 1, 0, "", [], {}),
    "latin1.csv": ("verwerkt", 1, 0, "", [LATIN], {}),
    "ok.xlsx": ("verwerkt", 1, 0, "", [], {}),
    "missing-columns.csv": ("mislukt", 0, 0, MISSING, [], {}),
    "extra-columns.csv": (
        "verwerkt",
        1,
        0,
        "",
        ["Onbekende kolom(men) genegeerd: opmerking, Klantnummer."],
        {},
    ),
    "invalid-bsn.csv": (
        "verwerkt",
        0,
        2,
        "",
        [],
        {(2, "Burgerservicenummer"): BSN, (3, "Burgerservicenummer"): BSN},
    ),
    "invalid-postcode.csv": (
        "verwerkt",
        0,
        3,
        "",
        [],
        {(2, "Postcode"): POSTCODE, (3, "Postcode"): POSTCODE, (4, "Postcode"): "is verplicht."},
    ),
    "future-dates.csv": (
        "verwerkt",
        0,
        3,
        "",
        [],
        {
            (2, "signaaldatum"): "11-03-2026 ligt in de toekomst.",
            (3, "ontstaansdatum"): "01-12-2026 ligt in de toekomst.",
            (4, "signaaldatum"): "31-02-2026 is geen datum (jjjj-mm-dd of dd-mm-jjjj).",
        },
    ),
    "negative-amounts.csv": (
        "verwerkt",
        0,
        3,
        "",
        [],
        {
            (2, "bedrag"): "-12,50 is negatief; geef het bedrag van de achterstand.",
            (3, "bedrag"): "twaalf is geen bedrag in euro (bijvoorbeeld 450 of 450,00).",
            (4, "bedrag"): "100000000 is meer dan het maximum van 99999999 euro.",
        },
    ),
    "duplicate-ids.csv": (
        "verwerkt",
        2,
        1,
        "",
        [],
        {(4, "ID"): "DUP-1 staat ook in rij 2; elk ID één keer per bestand."},
    ),
    "wrong-values.csv": (
        "verwerkt",
        0,
        2,
        "",
        [],
        {
            (2, "signaalpartner"): f"Telefoon is geen soort signaal; gebruik een van: {TYPES}.",
            (2, "delen_aangeboden"): "misschien is niet ja of nee.",
            (2, "gemeentecode"): (
                "Rotterdam is geen CBS-gemeentecode (GM en vier cijfers, bijvoorbeeld GM0599)."
            ),
            (3, "ID"): "is verplicht.",
            (3, "Huisnummer"): (
                "moet een getal van hoogstens 5 cijfers zijn; zet letters in Huisnummertoevoeging."
            ),
        },
    ),
    "empty.csv": ("mislukt", 0, 0, "Het bestand is leeg.", [], {}),
    "header-only.csv": (
        "verwerkt",
        0,
        0,
        "",
        ["Het bestand heeft onder de kopregel geen rijen met signalen."],
        {},
    ),
    "merged-cells.xlsx": (
        "mislukt",
        0,
        0,
        "Het werkblad heeft samengevoegde cellen (A3:B3). Maak het samenvoegen ongedaan zodat "
        "elke waarde in een eigen cel staat, en stuur het bestand opnieuw.",
        [],
        {},
    ),
}


def test_every_corpus_file_is_in_the_table():
    files = {p.name for p in CORPUS.iterdir() if p.suffix in {".csv", ".xlsx"}}
    assert files == set(CASES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_file_gives_its_messages(name):
    status, accepted, rejected, error, warnings, row_errors = CASES[name]
    gemeente()
    creditor, _m, actor = creditor_staff()
    with freeze_time(TODAY):
        delivery = intake.receive(
            actor, creditor, (CORPUS / name).read_bytes(), name, Channel.UPLOAD
        )
    delivery.refresh_from_db()
    assert delivery.status == status
    assert (delivery.rows_accepted, delivery.rows_rejected) == (accepted, rejected)
    assert delivery.error == error
    assert delivery.warnings == warnings
    found = {
        (r.row_number, e["column"]): e["message"]
        for r in RejectedRow.objects.filter(delivery=delivery)
        for e in r.errors
    }
    assert found == row_errors


@pytest.mark.django_db
def test_latin1_names_come_through():
    gemeente()
    creditor, _m, actor = creditor_staff()
    with freeze_time(TODAY):
        intake.receive(
            actor, creditor, (CORPUS / "latin1.csv").read_bytes(), "l.csv", Channel.UPLOAD
        )
    signal = Signal.objects.get(external_id="LAT-1")
    assert (signal.voorletters, signal.achternaam) == ("É.", "Müller-Hélène")


@pytest.mark.django_db
def test_duplicate_ids_across_deliveries_are_already_received():
    gemeente()
    creditor, _m, actor = creditor_staff()
    content = (CORPUS / "ok-semicolons.csv").read_bytes()
    with freeze_time(TODAY):
        intake.receive(actor, creditor, content, "a.csv", Channel.UPLOAD)
        second = intake.receive(actor, creditor, content, "b.csv", Channel.UPLOAD)
    second.refresh_from_db()
    assert second.status == DeliveryStatus.PROCESSED
    assert (second.rows_accepted, second.rows_duplicate) == (0, 2)
    assert second.warnings == [
        "2 signaal/signalen had een ID dat al eerder is ontvangen; die zijn niet opnieuw "
        "toegevoegd."
    ]
    assert Signal.objects.count() == 2


def _write_big_csv(path: Path, target_bytes: int) -> int:
    header = (
        "ID;signaalpartner;bedrag;ontstaansdatum;signaaldatum;Burgerservicenummer;Voorletters;"
        "Achternaam;Straatnaam;Postcode;Huisnummer;Plaatsnaam;gemeentecode;aanmaningsdatum;"
        "delen_aangeboden;email\r\n"
    )
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(header)
        written = len(header)
        while written < target_bytes:
            line = (
                f"BIG-{rows:08d};Huur;{100 + rows % 900},{rows % 100:02d};20-01-2026;06-03-2026;"
                f"111222333;J.;Jansen-{rows % 977};Lange Dorpsstraat;3072AP;{rows % 9999 + 1};"
                f"Rotterdam;GM0599;20-02-2026;ja;bewoner{rows}@example.nl\r\n"
            )
            out.write(line)
            written += len(line)
            rows += 1
    return rows


def test_a_50_mb_csv_is_read_and_checked_as_a_stream(tmp_path):
    path = tmp_path / "groot.csv"
    expected = _write_big_csv(path, 50 * 1024 * 1024)
    size = path.stat().st_size
    assert size >= 50 * 1024 * 1024
    count = valid = 0
    seen: dict[str, int] = {}  # as in intake: per chunk of rows, earlier chunks are in the db
    today = datetime.date(2026, 3, 10)
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            table = parsing.read_table(stream, "groot.csv")
            for number, values in table.rows:
                count += 1
                if count % 50 == 0:  # checking every row under tracemalloc takes minutes
                    result = validation.validate_row(values, today=today, seen=seen)
                    valid += result.valid
                seen[values["ID"]] = number
                if count % intake.CHUNK_ROWS == 0:
                    seen.clear()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == expected
    assert valid == expected // 50
    assert peak < size / 20, f"peak {peak / 1e6:.1f} MB for a file of {size / 1e6:.1f} MB"


@pytest.mark.django_db
def test_a_large_delivery_is_processed_from_the_database_in_slices(monkeypatch):
    """The whole path on a file of a few MB: stored, read back in 1 MB slices, all rows in."""
    gemeente()
    creditor, _m, actor = creditor_staff()
    buffer = io.StringIO()
    buffer.write("ID;signaalpartner;bedrag;signaaldatum;Achternaam;Postcode;Huisnummer\r\n")
    for i in range(5000):
        buffer.write(f"L-{i:06d};Energie;{i % 500},50;06-03-2026;Jansen;3072AP;{i % 999 + 1}\r\n")
    content = buffer.getvalue().encode() * 1
    slices = []
    real = intake.PayloadStream.readinto

    def counting(self, target):
        slices.append(len(target))
        return real(self, target)

    monkeypatch.setattr(intake.PayloadStream, "readinto", counting)
    with freeze_time(TODAY):
        delivery = intake.receive(
            actor, creditor, content, "l.csv", Channel.UPLOAD, gemeente_code="GM0599"
        )
    delivery.refresh_from_db()
    assert (delivery.rows_total, delivery.rows_accepted) == (5000, 5000)
    assert max(slices) <= parsing.CHUNK
    assert Signal.objects.filter(delivery=delivery).count() == 5000
