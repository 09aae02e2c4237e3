"""The processing log refuses UPDATE and DELETE in PostgreSQL itself, and the register starts
with the platform's own processing activities.

Other apps add their activities in their own data migrations, through ``ensure_activities``.
"""

from django.db import migrations

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION audit_processinglogentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The processing log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_processinglogentry_append_only
    BEFORE UPDATE OR DELETE ON audit_processinglogentry
    FOR EACH ROW EXECUTE FUNCTION audit_processinglogentry_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS audit_processinglogentry_append_only ON audit_processinglogentry;
DROP FUNCTION IF EXISTS audit_processinglogentry_append_only();
"""

ACTIVITIES = [
    {
        "code": "verwerkingenlog-inzien",
        "name": "Verwerkingenlog inzien en exporteren",
        "purpose": (
            "Toezicht door de privacy officer (functionaris gegevensbescherming) op de "
            "rechtmatigheid van verwerkingen: wie heeft welke persoonsgegevens ingezien of "
            "gewijzigd, waarom en op welke grondslag."
        ),
        "legal_basis": (
            "AVG art. 6 lid 1 sub c (wettelijke verplichting) in samenhang met AVG art. 5 lid 2 "
            "(verantwoordingsplicht), art. 32 (beveiliging) en art. 39 (taken FG)."
        ),
        "data_subjects": "Medewerkers van aangesloten organisaties; betrokkenen (gepseudonimiseerd)",
        "data_categories": (
            "Gebruikersnaam, organisatie en rol van medewerkers; tijdstip en soort verwerking; "
            "pseudoniemen van betrokkenen."
        ),
        "special_categories": "",
        "recipients": "Privacy officer van de eigen organisatie; Autoriteit Persoonsgegevens op verzoek.",
        "retention": "Gelijk aan de bewaartermijn van het verwerkingenlog (indicatief 5 jaar, NEN 7513).",
        "retention_days": 1826,
    },
]


def ensure_activities(apps, activities):
    """Create missing activities; never overwrite what a functioneel beheerder has edited."""
    ProcessingActivity = apps.get_model("audit", "ProcessingActivity")
    for fields in activities:
        ProcessingActivity.objects.get_or_create(code=fields["code"], defaults=fields)


def seed(apps, schema_editor):
    ensure_activities(apps, ACTIVITIES)


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [
        migrations.RunPython(add_trigger, drop_trigger),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
