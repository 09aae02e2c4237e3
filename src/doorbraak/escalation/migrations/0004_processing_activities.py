"""Processing activities of the national escalation route, and the default service levels."""

from django.db import migrations

ACTIVITIES = [
    {
        "code": "maatwerkloket",
        "name": "Landelijk Maatwerkloket: verzoeken behandelen",
        "purpose": (
            "Een vastgelopen maatwerkvraag die lokaal en regionaal niet is op te lossen "
            "beoordelen (instaptoets), advies geven en doorgeleiden naar het LET, de "
            "overbruggingsprocedure of een ministerie."
        ),
        "legal_basis": (
            "AVG art. 6 lid 1 sub e (taak van algemeen belang): Programma Maatwerk "
            "Multiprobleemhuishoudens (Kamerstukken 34477 nr. 81 en 84), in samenhang met de "
            "grondslag van de gemeente voor het huishoudensdossier. Identificerende gegevens "
            "alleen met een in het verzoek vastgelegde wettelijke grondslag of toestemming."
        ),
        "data_subjects": "Leden van het huishouden (gepseudonimiseerd); medewerkers",
        "data_categories": (
            "Minimale dataset: huishoudreferentie, gemeente, betrokken leefgebieden, wetten en "
            "organisaties, instaptoets, vraag, bijlagen, advies en uitkomst."
        ),
        "special_categories": (
            "Geen, tenzij de professional ze met grondslag opneemt in bijlage of toelichting."
        ),
        "recipients": (
            "Medewerkers van het Landelijk Maatwerkloket; het team van het huishouden; "
            "organisaties waaraan een LET-besluit of overbrugging is gericht (alleen die zaak)."
        ),
        "retention": "5 jaar na afronden (indicatief; vast te stellen in de selectielijst)",
        "retention_days": 1827,
    },
    {
        "code": "let-casus",
        "name": "Landelijk escalatieteam (LET): casus bespreken en besluiten opvolgen",
        "purpose": (
            "Casussen die lokaal, regionaal en via het loket vastlopen bespreken met de "
            "betrokken uitvoeringsorganisaties en ministeries, besluiten vastleggen en opvolgen "
            "tot ze zijn uitgevoerd."
        ),
        "legal_basis": "Als maatwerkloket (AVG art. 6 lid 1 sub e).",
        "data_subjects": "Leden van het huishouden (gepseudonimiseerd); vertegenwoordigers",
        "data_categories": (
            "Minimale dataset van de casus; besluit, verantwoordelijke organisatie, termijn, "
            "opvolging; namen van vertegenwoordigers."
        ),
        "special_categories": "",
        "recipients": "LET-leden; de organisatie die voor een besluit verantwoordelijk is.",
        "retention": "Als maatwerkloket",
        "retention_days": 1827,
    },
    {
        "code": "overbrugging",
        "name": "Overbruggingsprocedure: voorfinanciering en verrekening",
        "purpose": (
            "Ondersteuning direct laten starten terwijl wordt uitgezocht welk stelsel (Wmo, "
            "Wlz, Zvw, Jeugdwet, Participatiewet, overgang 18-/18+) betaalt, en dat achteraf "
            "verrekenen."
        ),
        "legal_basis": "Als maatwerkloket (AVG art. 6 lid 1 sub e).",
        "data_subjects": "Leden van het huishouden (gepseudonimiseerd)",
        "data_categories": (
            "Ondersteuning, voorfinancier, startdatum, betwiste stelsels, uiteindelijke betaler, "
            "bedrag en datum van verrekening."
        ),
        "special_categories": (
            "De ondersteuning kan op gezondheid wijzen (AVG art. 9 lid 2 sub h juncto UAVG "
            "art. 30)."
        ),
        "recipients": "Landelijk Maatwerkloket; voorfinancier en uiteindelijke betaler.",
        "retention": "7 jaar na verrekening (fiscale bewaarplicht, AWR art. 52) — indicatief",
        "retention_days": 2557,
    },
    {
        "code": "knelpunten",
        "name": "Knelpunten in wet- en regelgeving registreren (systeemleren)",
        "purpose": (
            "Knelpunten in wetten, uitvoeringsbeleid en samenwerking geanonimiseerd verzamelen "
            "en per wet en organisatie rapporteren aan de ministeries (domeinoverstijgend "
            "systeemleren)."
        ),
        "legal_basis": (
            "AVG art. 6 lid 1 sub e; de registratie bevat geen persoonsgegevens van het "
            "huishouden (de omschrijving gaat over de regel, niet over de persoon)."
        ),
        "data_subjects": "Medewerkers (wie vastlegde)",
        "data_categories": "Wet, artikel, organisatie, soort knelpunt, omschrijving, datum, status.",
        "special_categories": "",
        "recipients": "Landelijk Maatwerkloket, analisten, ministeries (geaggregeerd).",
        "retention": "Onbeperkt voor de geanonimiseerde registratie",
        "retention_days": None,
    },
]

SERVICE_LEVELS = [
    {
        "milestone": "eerste_reactie",
        "working_days": 5,
        "description": "Eerste reactie van het loket aan de professional.",
    },
    {
        "milestone": "besluit",
        "working_days": 20,
        "description": "Besluit over de route: advies, LET, overbrugging of beleidsvraag.",
    },
]


def seed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    for fields in ACTIVITIES:
        ProcessingActivity.objects.get_or_create(code=fields["code"], defaults=fields)
    ServiceLevel = apps.get_model("escalation", "ServiceLevel")
    for fields in SERVICE_LEVELS:
        ServiceLevel.objects.get_or_create(milestone=fields["milestone"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("escalation", "0003_loket_let_overbrugging"),
        ("audit", "0003_append_only_and_register"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
