from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("signals", "0002_processing_activities")]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="warnings",
            field=models.JSONField(blank=True, default=list, verbose_name="warnings"),
        ),
    ]
