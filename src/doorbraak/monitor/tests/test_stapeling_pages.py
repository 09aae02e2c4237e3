"""The public stapeling pages: synthetic data, labelled; page and CSV hold the same suppressed
cells; an area is the sum of its wijken; the result is cached per version of the file."""

import csv
import io
import os

from django.urls import reverse

import pytest

from doorbraak.monitor import stapeling_pages
from doorbraak.monitor.models import Area
from doorbraak.monitor.stapeling import engine, synth

pytestmark = pytest.mark.usefixtures("monitor_data")

GEMEENTEN = {"GM0599", "GM0606"}  # Rotterdam and Schiedam


@pytest.fixture(scope="session")
def population(tmp_path_factory):
    path = tmp_path_factory.mktemp("stapeling") / "synthetisch.parquet"
    wijken = [w for w in synth.load_wijken() if w.gemeente_code in GEMEENTEN]
    synth.generate(path, 30_000, periods=(2023, 2024), wijken=wijken, seed=7)
    return path


@pytest.fixture
def configured(settings, population):
    settings.STAPELING_PARQUET = str(population)
    return engine.compute(population)


def _csv(response):
    text = b"".join(response.streaming_content) if response.streaming else response.content
    lines = text.decode("utf-8").lstrip("\ufeff").splitlines()
    return lines[0], list(csv.reader(io.StringIO("\n".join(lines[1:])), delimiter=";"))


def test_every_page_and_csv_says_synthetic(client, configured):
    pages = [
        (reverse("monitor:stapeling"), reverse("monitor:stapeling-csv")),
        (
            reverse("monitor:stapeling-gemeente", kwargs={"cbs_code": "GM0599"}),
            reverse("monitor:stapeling-gemeente-csv", kwargs={"cbs_code": "GM0599"}),
        ),
        (
            reverse("monitor:stapeling-gebied", kwargs={"slug": "rotterdam-zuid"}),
            reverse("monitor:stapeling-gebied-csv", kwargs={"slug": "rotterdam-zuid"}),
        ),
    ]
    for page_url, csv_url in pages:
        page = client.get(page_url)
        assert page.status_code == 200
        body = page.content.decode()
        assert "Synthetische gegevens" in body and "synthetische gegevens" in body
        assert 'class="monitor-chart"' in body and 'id="samenloop-caption"' in body
        note, rows = _csv(client.get(csv_url))
        assert note.startswith("# Synthetische gegevens")
        assert rows[0] == ["Tabel", "Eenheid", "Periode", "Rij", "Kolom", "Aantal", "Aandeel (%)"]
        assert len(rows) > 1


def test_gemeente_page_and_csv_show_the_engines_counts(client, configured):
    rotterdam = configured.area(engine.GEMEENTE, "GM0599", 2024)
    page = client.get(reverse("monitor:stapeling-gemeente", kwargs={"cbs_code": "GM0599"}))
    rows = page.context["distribution"]
    persons_2024 = next(r for r in rows if r.unit == "personen" and r.period == 2024)
    assert persons_2024.total == rotterdam.persons.total
    assert persons_2024.counts == list(rotterdam.persons.values)  # all above 10 here
    _, csv_rows = _csv(
        client.get(reverse("monitor:stapeling-gemeente-csv", kwargs={"cbs_code": "GM0599"}))
    )
    zero = next(
        r
        for r in csv_rows
        if r[1] == "personen" and r[2] == "2024" and r[3] == "0" and r[0].startswith("Personen")
    )
    assert zero[5] == str(rotterdam.persons.zero)
    share = rotterdam.persons.zero / rotterdam.persons.total * 100
    assert zero[6] == f"{share:.1f}".replace(".", ",")
    # The matrix of the latest period: the diagonal is the persons with the group.
    first_group = page.context["matrix"][0]
    assert first_group[1][0] == rotterdam.cooccurrence[0][0]
    # Two periods: one change row per unit.
    assert [(c.unit, c.from_period, c.to_period) for c in page.context["changes"]] == [
        ("personen", 2023, 2024),
        ("huishoudens", 2023, 2024),
    ]


def test_area_is_the_sum_of_its_wijken(client, configured):
    area = Area.objects.get(slug="rotterdam-zuid")
    page = client.get(reverse("monitor:stapeling-gebied", kwargs={"slug": area.slug}))
    persons = next(
        r for r in page.context["distribution"] if r.unit == "personen" and r.period == 2024
    )
    expected = sum(
        configured.area(engine.WIJK, code, 2024).persons.total for code in area.wijk_codes
    )
    assert persons.total == expected


def test_small_counts_are_suppressed(client, configured):
    # One small wijk of Schiedam as an area: its cells fall below 10.
    small = min(
        (a for a in configured.level(engine.WIJK, 2024) if a.gemeente_code == "GM0606"),
        key=lambda a: a.persons.total,
    )
    Area.objects.create(
        slug="klein",
        name="Klein",
        gemeente_code="GM0606",
        cbs_year=2024,
        wijk_codes=[small.code],
        status="published",
    )
    page = client.get(reverse("monitor:stapeling-gebied", kwargs={"slug": "klein"}))
    body = page.content.decode()
    assert "&lt;10" in body
    for label, cells in page.context["matrix"]:
        assert all(c == "<10" or c >= 10 for c in cells), (label, cells)
    _, rows = _csv(client.get(reverse("monitor:stapeling-gebied-csv", kwargs={"slug": "klein"})))
    counts = [r[5] for r in rows[1:] if r[5]]
    assert "<10" in counts
    assert all(c == "<10" or int(c) >= 10 for c in counts)


def test_gemeente_outside_the_file_and_no_file(client, configured, settings, tmp_path):
    page = client.get(reverse("monitor:stapeling-gemeente", kwargs={"cbs_code": "GM0363"}))
    assert page.status_code == 200
    assert "heeft hier geen personen" in page.content.decode()
    settings.STAPELING_PARQUET = str(tmp_path / "ontbreekt.parquet")
    page = client.get(reverse("monitor:stapeling"))
    assert page.status_code == 200
    assert "nog geen synthetische bevolking gemaakt" in page.content.decode()
    assert "Synthetische gegevens" in page.content.decode()
    # Unknown gemeente and area: 404.
    assert client.get("/dashboard/stapeling/gemeente/GM9998/").status_code == 404
    assert client.get("/dashboard/stapeling/gebied/bestaat-niet/").status_code == 404


def test_result_is_cached_per_version_of_the_file(settings, tmp_path, monkeypatch, population):
    path = tmp_path / "p.parquet"
    path.write_bytes(population.read_bytes())
    settings.STAPELING_PARQUET = str(path)
    calls = []
    real = engine.compute
    monkeypatch.setattr(engine, "compute", lambda p: calls.append(p) or real(p))
    first = stapeling_pages.result()
    assert stapeling_pages.result() is first and len(calls) == 1
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    stapeling_pages.result()
    assert len(calls) == 2
