"""Processing activities of the household file and the maatwerkplan."""

from django.db import migrations

ACTIVITIES = [
    {
        "code": "huishoudensdossier",
        "name": "Huishoudensdossier bijhouden",
        "purpose": (
            "Ondersteuning van het huishouden volgens de doorbraakaanpak: intake, situatie per "
            "leefgebied, doorbraak en maatwerkplan."
        ),
        "legal_basis": (
            "AVG art. 6 lid 1 sub e (taak van algemeen belang) op grond van Wmo 2015 art. 2.3.2, "
            "Participatiewet art. 7 en Jeugdwet art. 2.3; of toestemming (AVG art. 6 lid 1 sub a) "
            "zoals vastgelegd bij het huishouden."
        ),
        "data_subjects": "Leden van het huishouden",
        "data_categories": (
            "Naam, geboortedatum, adres, contactgegevens, gezinssamenstelling, BSN (versleuteld)."
        ),
        "special_categories": (
            "BSN (Wabb; alleen voor eenduidige identificatie bij de partners in het plan)."
        ),
        "recipients": "Het team van het huishouden; met grondslag: benoemde professionals van partners.",
        "retention": "15 jaar na afsluiten (Selectielijst gemeenten, sociaal domein) — indicatief",
        "retention_days": 5479,
    },
    {
        "code": "zrm-vastleggen",
        "name": "Zelfredzaamheid per leefgebied (ZRM) vastleggen",
        "purpose": "Zicht op de situatie per leefgebied en de verandering daarin.",
        "legal_basis": "Als huishoudensdossier; gezondheid: AVG art. 9 lid 2 sub h juncto UAVG art. 30.",
        "data_subjects": "Leden van het huishouden",
        "data_categories": "Scores per leefgebied (ZRM), toelichting.",
        "special_categories": (
            "Gezondheid (geestelijke en lichamelijke gezondheid, middelengebruik) en justitie: "
            "alleen zichtbaar voor het team en bij delen met uitdrukkelijke vermelding."
        ),
        "recipients": "Het team van het huishouden.",
        "retention": "Als huishoudensdossier",
        "retention_days": 5479,
    },
    {
        "code": "maatwerkplan",
        "name": "Maatwerkplan opstellen, vaststellen en uitvoeren",
        "purpose": "Een doorbraakplan met acties, eigenaren en een besluit met mandaat.",
        "legal_basis": "Als huishoudensdossier; vaststelling: Awb art. 4:84 (inherente afwijkingsbevoegdheid) waar van toepassing.",
        "data_subjects": "Leden van het huishouden; medewerkers (eigenaar van acties, besluit)",
        "data_categories": "Doorbraak, doelen, acties, evaluaties, besluit.",
        "special_categories": "",
        "recipients": "Het team; eigenaren van acties bij partners, voor hun eigen actie.",
        "retention": "Als huishoudensdossier",
        "retention_days": 5479,
    },
    {
        "code": "gegevens-delen",
        "name": "Gegevens delen met een professional van een andere organisatie",
        "purpose": "Tijdelijke toegang voor een benoemde professional, met doel en einddatum.",
        "legal_basis": "Toestemming van de betrokkene of wettelijke grondslag, vastgelegd per doel.",
        "data_subjects": "Leden van het huishouden",
        "data_categories": "Het huishoudensdossier voor zover het doel dat vraagt.",
        "special_categories": "Alleen als bij het delen uitdrukkelijk aangevinkt.",
        "recipients": "De benoemde professional.",
        "retention": "Tot de einddatum van het delen",
        "retention_days": None,
    },
    {
        "code": "rechten-betrokkene",
        "name": "Rechten van betrokkenen (inzage, correctie, verwijdering)",
        "purpose": "Uitvoeren van AVG art. 15–17.",
        "legal_basis": "AVG art. 6 lid 1 sub c (wettelijke verplichting) juncto AVG art. 12–17.",
        "data_subjects": "Leden van het huishouden",
        "data_categories": "Alle gegevens over de betrokkene in het platform.",
        "special_categories": "Zoals in het dossier.",
        "recipients": "De betrokkene.",
        "retention": "Verzoek en afhandeling: 1 jaar",
        "retention_days": 366,
    },
]


def seed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    for fields in ACTIVITIES:
        ProcessingActivity.objects.get_or_create(code=fields["code"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("households", "0001_initial"), ("audit", "0003_append_only_and_register")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
