"""Query texts only once enough distinct visitors typed them.

Rows from before counted no visitors, so none of them can show that it reached the threshold:
they are deleted rather than kept with text that may name a pupil or client.
"""

from django.db import migrations, models
import django.db.models.deletion


def forget_unattributed_queries(apps, schema_editor):
    apps.get_model("search", "SearchQueryStat").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_drop_document_values")]

    operations = [
        migrations.RunPython(forget_unattributed_queries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="searchquerystat",
            name="query",
            field=models.CharField(blank=True, max_length=200, verbose_name="zoekopdracht"),
        ),
        migrations.AddField(
            model_name="searchquerystat",
            name="query_key",
            field=models.CharField(default="", editable=False, max_length=64, unique=True),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchquerystat",
            name="visitor_count",
            field=models.PositiveIntegerField(default=0, verbose_name="aantal bezoekers"),
        ),
        migrations.CreateModel(
            name="SearchQueryVisitor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
                ("day", models.DateField(db_index=True)),
                ("stat", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="search.searchquerystat")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("stat", "token"), name="search_visitor_once")
                ],
            },
        ),
    ]
