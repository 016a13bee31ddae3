"""The taxonomy moves from the kennisbank to core without moving data.

The tables keep their names (``kennisbank_role`` ...), so the database is left alone and only
Django's picture of which app owns them changes. The content types move along, so the editors'
permissions on the terms (which point at those content types) stay as they were.
"""

from django.db import migrations, models

MODELS = ["role", "domain", "phase", "theme", "evidencelevel"]


def content_types_to_core(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if not content_type.objects.using(db).filter(app_label="core", model=model).exists():
            content_type.objects.using(db).filter(app_label="kennisbank", model=model).update(
                app_label="core"
            )


def content_types_to_kennisbank(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    content_type.objects.using(db).filter(app_label="core", model__in=MODELS).update(
        app_label="kennisbank"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("kennisbank", "0002_taxonomy_terms"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='Domain',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(editable=False, max_length=60, unique=True, verbose_name='code')),
                ('label', models.CharField(max_length=100, verbose_name='naam')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='volgorde')),
            ],
            options={
                'verbose_name': 'domein',
                'verbose_name_plural': 'domeinen',
                'db_table': 'kennisbank_domain',
                'ordering': ['sort_order', 'label'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='EvidenceLevel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(editable=False, max_length=60, unique=True, verbose_name='code')),
                ('label', models.CharField(max_length=100, verbose_name='naam')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='volgorde')),
                ('description', models.TextField(max_length=400, verbose_name='uitleg in één zin')),
            ],
            options={
                'verbose_name': 'niveau van bewijs',
                'verbose_name_plural': 'niveaus van bewijs',
                'db_table': 'kennisbank_evidencelevel',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Phase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(editable=False, max_length=60, unique=True, verbose_name='code')),
                ('label', models.CharField(max_length=100, verbose_name='naam')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='volgorde')),
            ],
            options={
                'verbose_name': 'fase',
                'verbose_name_plural': 'fasen',
                'db_table': 'kennisbank_phase',
                'ordering': ['sort_order', 'label'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Role',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(editable=False, max_length=60, unique=True, verbose_name='code')),
                ('label', models.CharField(max_length=100, verbose_name='naam')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='volgorde')),
            ],
            options={
                'verbose_name': 'rol',
                'verbose_name_plural': 'rollen',
                'db_table': 'kennisbank_role',
                'ordering': ['sort_order', 'label'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Theme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(editable=False, max_length=60, unique=True, verbose_name='code')),
                ('label', models.CharField(max_length=100, verbose_name='naam')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='volgorde')),
            ],
            options={
                'verbose_name': 'thema',
                'verbose_name_plural': "thema's",
                'db_table': 'kennisbank_theme',
                'ordering': ['sort_order', 'label'],
                'abstract': False,
            },
        ),
    ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_core, content_types_to_kennisbank),
    ]
