"""Processing activity of the Big 5 transition plans for young people leaving youth care."""

from django.db import migrations

ACTIVITIES = [
    {
        "code": "big5-overgangsplan",
        "name": "Big 5 overgangsplan voor jongeren uit de jeugdhulp",
        "purpose": (
            "Jongeren (16–27 jaar) die de jeugdhulp verlaten begeleiden tot de Big 5 geregeld "
            "zijn: steunfiguur, wonen, school en werk, inkomen en welzijn; toekomstplan voor de "
            "18e verjaardag."
        ),
        "legal_basis": "Jeugdwet en Wmo 2015; AVG art. 6 lid 1 sub e",
        "data_subjects": "Jongeren in de jeugdhulp en hun huishouden",
        "data_categories": (
            "Naam, geboortedatum, huishouden, toekomstplan, per domein status, toelichting, "
            "verantwoordelijke en datum."
        ),
        "special_categories": (
            "Welzijn kan gezondheidsgegevens bevatten (AVG art. 9 lid 2 sub h juncto UAVG "
            "art. 30): alleen voor het team van het huishouden."
        ),
        "recipients": (
            "Het team van het huishouden; met grondslag: benoemde professionals van partners."
        ),
        "retention": "Als huishoudensdossier",
        "retention_days": 5479,
    },
]


def seed(apps, schema_editor):
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    for fields in ACTIVITIES:
        ProcessingActivity.objects.get_or_create(code=fields["code"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("youth", "0001_initial"), ("audit", "0003_append_only_and_register")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
