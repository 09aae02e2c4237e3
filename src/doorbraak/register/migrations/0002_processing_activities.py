"""Processing activity of contact requests from a maatwerkplan to the Maatwerkregister."""

from django.db import migrations

ACTIVITIES = [
    {
        "code": "contactverzoek-maatwerk",
        "name": "Contactverzoek aan een maatwerkfunctionaris (Maatwerkregister)",
        "purpose": (
            "Een vraag van het team van een huishouden aan een maatwerkfunctionaris of team van "
            "een gemeente of uitvoeringsorganisatie uit het Maatwerkregister, om een doorbraak "
            "te bereiken wanneer de lokale en regionale route is uitgeput; vastleggen van het "
            "antwoord en of de vraag is opgelost."
        ),
        "legal_basis": (
            "AVG art. 6 lid 1 sub e (taak van algemeen belang) op grond van Wmo 2015 art. 2.3.2 "
            "en Participatiewet art. 7 (ondersteuning en bijstand door de gemeente), voor de "
            "ontvanger de wet die de uitvoeringsorganisatie uitvoert. Naam en geboortedatum gaan "
            "alleen mee als de professional daarvoor een grondslag vastlegt (toestemming of "
            "wettelijke grondslag); anders is het verzoek gepseudonimiseerd (alleen de referentie "
            "van het huishouden)."
        ),
        "data_subjects": "Leden van het huishouden; medewerkers (afzender en beantwoorder)",
        "data_categories": (
            "Referentie van het huishouden, de vraag en het antwoord; met vastgelegde grondslag: "
            "naam en geboortedatum van de aanvrager. Naam en organisatie van afzender en "
            "beantwoorder."
        ),
        "special_categories": (
            "Geen, tenzij de vraag ze beschrijft: de professional deelt alleen wat voor de vraag "
            "nodig is; een BSN wordt geweigerd."
        ),
        "recipients": (
            "De maatwerkfunctionarissen en de functioneel beheerder van de organisatie van de "
            "gekozen registervermelding; zij zien het huishoudensdossier niet."
        ),
        "retention": "Als huishoudensdossier (het verzoek hoort bij het maatwerkplan)",
        "retention_days": 5479,
    },
]


def seed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    for fields in ACTIVITIES:
        ProcessingActivity.objects.get_or_create(code=fields["code"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial"), ("audit", "0003_append_only_and_register")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
