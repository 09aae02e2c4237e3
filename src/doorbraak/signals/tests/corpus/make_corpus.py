"""Writes the bad-file corpus of intake (run here: ``python make_corpus.py``; the files are
committed). The tests run on 10-03-2026."""

import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
COLUMNS = [
    "ID",
    "signaalpartner",
    "bedrag",
    "ontstaansdatum",
    "signaaldatum",
    "Burgerservicenummer",
    "Voorletters",
    "Achternaam",
    "Postcode",
    "Huisnummer",
    "gemeentecode",
    "aanmaningsdatum",
    "delen_aangeboden",
]
H = ";".join(COLUMNS)
DEFAULTS = {
    "signaalpartner": "Huur",
    "bedrag": "450,00",
    "ontstaansdatum": "20-01-2026",
    "signaaldatum": "06-03-2026",
    "Burgerservicenummer": "111222333",
    "Voorletters": "J.",
    "Achternaam": "Vries",
    "Postcode": "3072AP",
    "Huisnummer": "12",
    "gemeentecode": "GM0599",
    "aanmaningsdatum": "20-02-2026",
    "delen_aangeboden": "ja",
}


def line(id_, **fields):
    values = {**DEFAULTS, **fields, "ID": id_}
    return ";".join(values[c] for c in COLUMNS)


def write(name, lines, enc="utf-8", bom=False, sep=";"):
    text = "\r\n".join(row.replace(";", sep) for row in lines) + "\r\n"
    data = text.encode(enc)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (HERE / name).write_bytes(data)


def main():
    write("ok-semicolons.csv", [H, line("OK-1"), line("OK-2", Huisnummer="14")])
    write(
        "ok-commas.csv",
        [H, line("OK-1", bedrag="450.00"), line("OK-2", Huisnummer="14", bedrag="450")],
        sep=",",
    )
    write("bom.csv", [H, line("BOM-1")], bom=True)
    write("latin1.csv", [H, line("LAT-1", Achternaam="Müller-Hélène", Voorletters="É.")], "cp1252")
    write(
        "missing-columns.csv",
        ["ID;signaalpartner;signaaldatum;Achternaam;Huisnummer", "M-1;Huur;06-03-2026;Vries;12"],
    )
    write("extra-columns.csv", [H + ";opmerking;Klantnummer", line("X-1") + ";let op;K123"])
    write(
        "invalid-bsn.csv",
        [
            H,
            line("BSN-1", Burgerservicenummer="123456789"),
            line("BSN-2", Burgerservicenummer="12345"),
        ],
    )
    write(
        "invalid-postcode.csv",
        [
            H,
            line("PC-1", Postcode="0123AB"),
            line("PC-2", Postcode="1234 A"),
            line("PC-3", Postcode=""),
        ],
    )
    write(
        "future-dates.csv",
        [
            H,
            line("FUT-1", signaaldatum="11-03-2026"),
            line("FUT-2", ontstaansdatum="2026-12-01"),
            line("FUT-3", signaaldatum="31-02-2026"),
        ],
    )
    write(
        "negative-amounts.csv",
        [
            H,
            line("NEG-1", bedrag="-12,50"),
            line("NEG-2", bedrag="twaalf"),
            line("NEG-3", bedrag="100000000"),
        ],
    )
    write("duplicate-ids.csv", [H, line("DUP-1"), line("DUP-2"), line("DUP-1", Huisnummer="99")])
    write(
        "wrong-values.csv",
        [
            H,
            line(
                "W-1",
                signaalpartner="Telefoon",
                delen_aangeboden="misschien",
                gemeentecode="Rotterdam",
            ),
            line("", Huisnummer="12a"),
        ],
    )
    (HERE / "empty.csv").write_bytes(b"")
    write("header-only.csv", [H])

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    sheet.append(line("XL-1").split(";"))
    sheet.append(line("XL-2", Huisnummer="14").split(";"))
    sheet.merge_cells("A3:B3")
    workbook.save(HERE / "merged-cells.xlsx")

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    day = datetime.datetime
    sheet.append(
        ["XL-1", "Huur", 450.5, day(2026, 1, 20), day(2026, 3, 6), 111222333, "J.", "Vries"]
        + ["3072AP", 12, "GM0599", day(2026, 2, 20), "ja"]
    )
    workbook.save(HERE / "ok.xlsx")


if __name__ == "__main__":
    main()
