"""Reference data: the shipped unit-cost catalogue(s) and the CBS price index."""

from django.db import migrations


def seed(apps, schema_editor):
    Catalogue = apps.get_model("rekensom", "Catalogue")
    PriceIndex = apps.get_model("rekensom", "PriceIndex")
    from doorbraak.rekensom.catalogue import catalogue_files, load_all

    if Catalogue.objects.count() >= len(catalogue_files()) and PriceIndex.objects.exists():
        return  # already loaded: loading is idempotent, this only saves the queries
    load_all(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("rekensom", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
