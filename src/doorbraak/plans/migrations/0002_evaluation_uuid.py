import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    Evaluation = apps.get_model("plans", "Evaluation")
    for evaluation in Evaluation.objects.filter(uuid__isnull=True).only("pk"):
        evaluation.uuid = uuid.uuid4()
        evaluation.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        migrations.AddField("evaluation", "uuid", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            "evaluation", "uuid",
            models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="public id"),
        ),
    ]
