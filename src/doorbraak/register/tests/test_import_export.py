"""CSV and XLSX import and export: per-row errors naming row and column, good rows kept,
re-importing is idempotent, and a round trip through XLSX changes nothing."""

import csv
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import AgencyFactory, OrganisationFactory, actor_for, member
from doorbraak.register import spreadsheet
from doorbraak.register.models import EntryKind, RegisterEntry

from .factories import RegisterEntryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gemeenten")]

HEADER = (
    "naam;soort;mandaat;leefgebieden;wetten;gemeenten;regio;email;telefoon;bereikbaarheid;"
    "gecontroleerd_op"
)
GOOD_1 = (
    "Maatwerkfunctionaris CAK;maatwerkfunctionaris;Premie Zvw aanhouden;financien;Zvw;alle;;"
    "maatwerk@cak.example.nl;088 000 01 01;Werkdagen;01-11-2026"
)
GOOD_2 = (
    "Team Wanbetalers;team;Afmelden na schuldregeling;financien;Zvw;GM0606;Rijnmond;"
    "wanbetalers@cak.example.nl;088 000 01 02;;2026-10-15"
)


@pytest.fixture
def gemeenten():
    return [
        OrganisationFactory(name="Schiedam", cbs_code="GM0606"),
        OrganisationFactory(name="Rotterdam", cbs_code="GM0599"),
    ]


@pytest.fixture
def beheerder():
    return member(Role.FUNCTIONEEL_BEHEERDER, AgencyFactory(name="CAK", short_name="CAK"))


def run(beheerder, text, name="register.csv"):
    rows = spreadsheet.read_table(name, text.encode())
    return spreadsheet.import_entries(
        actor=actor_for(beheerder), rows=rows, today=datetime.date(2026, 12, 1)
    )


def test_good_rows_are_stored_for_the_own_organisation(beheerder):
    result = run(beheerder, "\n".join([HEADER, GOOD_1, GOOD_2]))
    assert (result.created, result.updated, result.problems) == (2, 0, [])
    cak = RegisterEntry.objects.get(name="Maatwerkfunctionaris CAK")
    assert cak.organisation == beheerder.organisation
    assert cak.nationwide and cak.laws == ["Zvw"] and cak.domains == ["financien"]
    assert cak.last_verified_on == datetime.date(2026, 11, 1)
    team = RegisterEntry.objects.get(name="Team Wanbetalers")
    assert team.kind == EntryKind.TEAM and team.region == "Rijnmond"
    assert list(team.gemeenten.values_list("cbs_code", flat=True)) == ["GM0606"]
    assert team.last_verified_on == datetime.date(2026, 10, 15)


def test_broken_rows_are_reported_by_row_and_column_and_good_rows_kept(beheerder):
    bad_kind = "Team A;afdeling;Iets;financien;;;;a@cak.example.nl;088 000 01 03;;"
    bad_domain_and_mail = "Team B;team;Iets;financien;;;;geen-adres;088 000 01 04;;"
    bad_code = "Team C;team;Iets;onzin;;GM9999;;c@cak.example.nl;088 000 01 05;;31-02-2026"
    missing_mandate = "Team D;team;;;;;;d@cak.example.nl;088 000 01 06;;"
    text = "\n".join(
        [HEADER, GOOD_1, bad_kind, bad_domain_and_mail, bad_code, missing_mandate, GOOD_2]
    )
    result = run(beheerder, text)
    assert result.created == 2
    assert set(RegisterEntry.objects.values_list("name", flat=True)) == {
        "Maatwerkfunctionaris CAK",
        "Team Wanbetalers",
    }
    found = {(p.row, p.column) for p in result.problems}
    assert found == {
        (3, "soort"),
        (4, "email"),
        (5, "leefgebieden"),
        (5, "gemeenten"),
        (5, "gecontroleerd_op"),
        (6, "mandaat"),
    }
    assert result.rejected_rows == [3, 4, 5, 6]
    message = next(p.message for p in result.problems if p.row == 5 and p.column == "gemeenten")
    assert "5" in message and "gemeenten" in message and "GM9999" in message


def test_reimporting_the_same_file_updates_instead_of_duplicating(beheerder):
    text = "\n".join([HEADER, GOOD_1, GOOD_2])
    run(beheerder, text)
    again = run(beheerder, text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = run(
        beheerder, "\n".join([HEADER, GOOD_1.replace("Premie Zvw aanhouden", "Nieuw"), GOOD_2])
    )
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    assert RegisterEntry.objects.count() == 2
    assert RegisterEntry.objects.get(name="Maatwerkfunctionaris CAK").mandate == "Nieuw"


def test_a_file_without_optional_columns_leaves_those_fields_as_they_are(beheerder, gemeenten):
    run(beheerder, "\n".join([HEADER, GOOD_2]))
    minimal = "naam;soort;mandaat;email;telefoon\n" + (
        "Team Wanbetalers;team;Nieuw mandaat;wanbetalers@cak.example.nl;088 000 01 02"
    )
    assert run(beheerder, minimal).updated == 1
    team = RegisterEntry.objects.get(name="Team Wanbetalers")
    assert team.mandate == "Nieuw mandaat"
    assert (team.region, team.laws, team.domains) == ("Rijnmond", ["Zvw"], ["financien"])
    assert list(team.gemeenten.values_list("cbs_code", flat=True)) == ["GM0606"]


def test_an_unknown_or_missing_column_refuses_the_whole_file(beheerder):
    with pytest.raises(spreadsheet.ImportFileError) as refused:
        run(beheerder, "\n".join([HEADER + ";kleur", GOOD_1 + ";rood"]))
    assert "kleur" in refused.value.problems[0]
    with pytest.raises(spreadsheet.ImportFileError) as refused:
        run(beheerder, "Naam,Mandaat\nTeam,Iets")
    assert "soort" in refused.value.problems[0] and "email" in refused.value.problems[0]
    assert not RegisterEntry.objects.exists()


def test_the_same_name_twice_in_one_file_is_reported_on_the_second_row(beheerder):
    result = run(beheerder, "\n".join([HEADER, GOOD_1, GOOD_1]))
    assert result.created == 1
    assert [(p.row, p.column) for p in result.problems] == [(3, "naam")]


def test_a_row_of_another_organisation_is_refused(beheerder):
    header = "organisatie;" + HEADER
    result = run(beheerder, "\n".join([header, "CAK;" + GOOD_1, "UWV;" + GOOD_2]))
    assert result.created == 1
    assert [(p.row, p.column) for p in result.problems] == [(3, "organisatie")]


def test_comma_separated_windows_file_is_read(beheerder):
    text = (
        "naam,soort,mandaat,email,telefoon\nTeam Één,team,Afwijken,e@cak.example.nl,088 000 01 07\n"
    )
    rows = spreadsheet.read_table("x.csv", text.encode("cp1252"))
    result = spreadsheet.import_entries(actor=actor_for(beheerder), rows=rows)
    assert result.created == 1
    assert RegisterEntry.objects.get().name == "Team Één"


def test_xlsx_round_trip_changes_nothing_and_an_edit_updates(client, beheerder, gemeenten):
    RegisterEntryFactory(
        organisation=beheerder.organisation,
        name="Maatwerkfunctionaris CAK",
        nationwide=True,
        domains=["financien", "huisvesting"],
        laws=["Zvw", "Wmo 2015"],
        gemeenten=gemeenten,
        last_verified_on=datetime.date(2026, 5, 1),
    )
    RegisterEntryFactory(organisation=beheerder.organisation, name="Oud team", active=False)
    RegisterEntryFactory(name="Van een ander")  # another agency: not in the own export
    login_verified(client, beheerder.user)
    response = client.get(reverse("register:export-xlsx"), {"eigen": "1"})
    assert response.status_code == 200
    content = response.content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == spreadsheet.COLUMNS
    assert {r[1] for r in rows[1:]} == {"Maatwerkfunctionaris CAK", "Oud team"}

    upload = SimpleUploadedFile("register.xlsx", content)
    page = client.post(reverse("register:import"), {"file": upload})
    assert page.status_code == 200
    result = page.context["result"]
    assert (result.created, result.updated, result.unchanged, result.problems) == (0, 0, 2, [])

    sheet.cell(row=2, column=spreadsheet.COLUMNS.index("mandaat") + 1).value = "Gewijzigd"
    out = io.BytesIO()
    sheet.parent.save(out)
    page = client.post(
        reverse("register:import"), {"file": SimpleUploadedFile("register.xlsx", out.getvalue())}
    )
    assert page.context["result"].updated == 1
    entry = RegisterEntry.objects.get(name=rows[1][1])
    assert entry.mandate == "Gewijzigd"
    assert entry.last_verified_on == datetime.date(2026, 5, 1)
    assert set(entry.gemeenten.values_list("cbs_code", flat=True)) == {"GM0606", "GM0599"}
    assert RegisterEntry.objects.filter(organisation=beheerder.organisation).count() == 2


def test_csv_export_of_a_search_result_holds_only_the_matches_and_guards_formulas(
    client, gemeenten
):
    RegisterEntryFactory(name='=HYPERLINK("x")', domains=["huisvesting"])
    RegisterEntryFactory(name="Team Werk", domains=["werk_opleiding"])
    login_verified(client, member(Role.PROFESSIONAL, gemeenten[0]).user)
    response = client.get(reverse("register:export-csv"), {"leefgebied": "huisvesting"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == spreadsheet.COLUMNS
    assert [r[1] for r in rows[1:]] == ['\'=HYPERLINK("x")']


def test_own_export_needs_the_beheerder(client, gemeenten):
    login_verified(client, member(Role.PROFESSIONAL, gemeenten[0]).user)
    assert client.get(reverse("register:export-csv"), {"eigen": "1"}).status_code == 403


def test_import_page_reports_a_wrong_header_and_keeps_nothing(client, beheerder):
    login_verified(client, beheerder.user)
    upload = SimpleUploadedFile("x.csv", b"foo;bar\n1;2\n")
    response = client.post(reverse("register:import"), {"file": upload})
    assert response.status_code == 400
    assert any("foo" in p for p in response.context["file_problems"])
    assert not RegisterEntry.objects.exists()
