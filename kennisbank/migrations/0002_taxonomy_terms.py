"""Create the taxonomy terms with their stable slugs. Labels stay editable in the admin."""

from django.db import migrations

from kennisbank.models.taxonomy import DOMAINS, EVIDENCE_LEVELS, PHASES, ROLES, THEMES


def create_terms(apps, schema_editor):
    for model_name, terms in (("Role", ROLES), ("Domain", DOMAINS), ("Phase", PHASES), ("Theme", THEMES)):
        model = apps.get_model("kennisbank", model_name)
        for order, (slug, label) in enumerate(terms):
            model.objects.update_or_create(slug=slug, defaults={"label": label, "sort_order": order})
    level = apps.get_model("kennisbank", "EvidenceLevel")
    for order, (slug, label, description) in enumerate(EVIDENCE_LEVELS):
        level.objects.update_or_create(
            slug=slug, defaults={"label": label, "sort_order": order, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("kennisbank", "0001_initial")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
