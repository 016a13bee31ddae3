"""Create the taxonomy terms with their stable slugs. Labels stay editable in the admin."""

from django.db import migrations

from core.models.taxonomy import taxonomy_terms_sync


def create_terms(apps, schema_editor):
    taxonomy_terms_sync(
        role=apps.get_model("kennisbank", "Role"),
        domain=apps.get_model("kennisbank", "Domain"),
        phase=apps.get_model("kennisbank", "Phase"),
        theme=apps.get_model("kennisbank", "Theme"),
        evidence_level=apps.get_model("kennisbank", "EvidenceLevel"),
    )


class Migration(migrations.Migration):
    dependencies = [("kennisbank", "0001_initial")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
