"""Fewer indexes on signals (each one costs the bulk intake; the composite indexes lead with
creditor and organisation), and the stored delivery uncompressed on PostgreSQL: intake reads it
in slices with substr(), which on a compressed value decompresses the whole value every time.
"""

import django.db.models.deletion
from django.db import migrations, models


def payload_uncompressed(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE signals_delivery ALTER COLUMN payload SET STORAGE EXTERNAL", params=None
        )


def payload_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE signals_delivery ALTER COLUMN payload SET STORAGE EXTENDED", params=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_alter_membership_role"),
        ("signals", "0003_intake_warnings"),
    ]

    operations = [
        migrations.AlterField(
            model_name="signal",
            name="address_key",
            field=models.CharField(blank=True, max_length=64, verbose_name="address key"),
        ),
        migrations.AlterField(
            model_name="signal",
            name="creditor",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sent_signals",
                to="core.organisation",
                verbose_name="creditor",
            ),
        ),
        migrations.AlterField(
            model_name="signal",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="received_signals",
                to="core.organisation",
                verbose_name="municipality",
            ),
        ),
        migrations.RunPython(payload_uncompressed, payload_default),
    ]
