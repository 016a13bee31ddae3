from django.db import migrations, models


def facets_fill(apps, schema_editor):
    """Copy each document's value rows into its new facets field, so search works at once."""
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchDocumentValue = apps.get_model("search", "SearchDocumentValue")
    facets: dict[int, dict[str, list[str]]] = {}
    rows = SearchDocumentValue.objects.order_by("pk").values_list("document_id", "facet", "value")
    for document_id, facet, value in rows.iterator():
        facets.setdefault(document_id, {}).setdefault(facet, []).append(value)
    changed = []
    for document in SearchDocument.objects.only("pk").iterator():
        document.facets = facets.get(document.pk, {})
        changed.append(document)
    SearchDocument.objects.bulk_update(changed, ["facets"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="facets",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(facets_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="searchdocument",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, db_index=True),
        ),
    ]
