"""Reference data: the shipped catalogue(s) of legal provisions."""

from django.db import migrations


def seed(apps, schema_editor):
    ProvisionCatalogue = apps.get_model("legal", "ProvisionCatalogue")
    from doorbraak.legal.catalogue import load_all, provision_files

    if ProvisionCatalogue.objects.count() >= len(provision_files()):
        return
    load_all(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
