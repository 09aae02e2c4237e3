"""Intake speed: fewer indexes (each costs the bulk intake: the composite indexes lead with
creditor and organisation; foreign keys that are empty at intake get partial indexes; the
address key of a case indexed alone, the BSN hash without a LIKE index), time-ordered uuids for
signals and cases (core.ids.uuid7), and the stored delivery uncompressed on PostgreSQL: intake
reads it in slices with substr(), which on a compressed value decompresses the whole value every
time.
"""

import django.db.models.deletion
import doorbraak.core.ids
from django.conf import settings
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
        ('core', '0002_alter_membership_role'),
        ('households', '0004_huisnummer_bound'),
        ('signals', '0003_intake_warnings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='signalcase',
            name='signalcase_address_idx',
        ),
        migrations.AlterField(
            model_name='signal',
            name='address_key',
            field=models.CharField(blank=True, max_length=64, verbose_name='address key'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='bsn_hash',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='BSN look-up hash'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='creditor',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='sent_signals', to='core.organisation', verbose_name='creditor'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='organisation',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='received_signals', to='core.organisation', verbose_name='municipality'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='uuid',
            field=models.UUIDField(default=doorbraak.core.ids.uuid7, editable=False, unique=True, verbose_name='public id'),
        ),
        migrations.AlterField(
            model_name='signalcase',
            name='address_key',
            field=models.CharField(max_length=64, verbose_name='address key'),
        ),
        migrations.AlterField(
            model_name='signalcase',
            name='assigned_to',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='assigned to'),
        ),
        migrations.AlterField(
            model_name='signalcase',
            name='household',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='signal_cases', to='households.household', verbose_name='household file'),
        ),
        migrations.AlterField(
            model_name='signalcase',
            name='known_household',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='households.household', verbose_name='known household'),
        ),
        migrations.AlterField(
            model_name='signalcase',
            name='organisation',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='signal_cases', to='core.organisation', verbose_name='municipality'),
        ),
        migrations.AlterField(
            model_name='signalcase',
            name='team',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.team', verbose_name='team'),
        ),
        migrations.AlterField(
            model_name='signalcase',
            name='uuid',
            field=models.UUIDField(default=doorbraak.core.ids.uuid7, editable=False, unique=True, verbose_name='public id'),
        ),
        migrations.AddIndex(
            model_name='signal',
            index=models.Index(fields=['bsn_hash'], name='signal_bsn_hash_idx'),
        ),
        migrations.AddIndex(
            model_name='signalcase',
            index=models.Index(fields=['address_key'], name='signalcase_address_idx'),
        ),
        migrations.AddIndex(
            model_name='signalcase',
            index=models.Index(condition=models.Q(('known_household__isnull', False)), fields=['known_household'], name='signalcase_known_household_idx'),
        ),
        migrations.AddIndex(
            model_name='signalcase',
            index=models.Index(condition=models.Q(('household__isnull', False)), fields=['household'], name='signalcase_household_idx'),
        ),
        migrations.AddIndex(
            model_name='signalcase',
            index=models.Index(condition=models.Q(('team__isnull', False)), fields=['team'], name='signalcase_team_idx'),
        ),
        migrations.AddIndex(
            model_name='signalcase',
            index=models.Index(condition=models.Q(('assigned_to__isnull', False)), fields=['assigned_to'], name='signalcase_assigned_to_idx'),
        ),
        migrations.RunPython(payload_uncompressed, payload_default),
    ]
