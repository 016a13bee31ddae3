"""The taxonomy now belongs to core: the pages' fields point there, and the kennisbank's own model
state goes. Same tables, so the database is left alone."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_role_from_core'),
        ('core', '0001_initial'),
        ('courses', '0006_taxonomy_from_core'),
        ('kennisbank', '0002_taxonomy_terms'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(
            model_name='bestpracticepage',
            name='evidence_level',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='practices', to='core.evidencelevel', verbose_name='Niveau van bewijs'),
        ),
        migrations.AlterField(
            model_name='bestpracticepage',
            name='domains',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, to='core.domain', verbose_name='Domeinen'),
        ),
        migrations.AlterField(
            model_name='bestpracticepage',
            name='phases',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, to='core.phase', verbose_name='Fasen'),
        ),
        migrations.AlterField(
            model_name='bestpracticepage',
            name='roles',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, to='core.role', verbose_name='Voor wie'),
        ),
        migrations.AlterField(
            model_name='bestpracticepage',
            name='themes',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, to='core.theme', verbose_name="Thema's"),
        ),
        migrations.AlterField(
            model_name='signalguidepage',
            name='roles',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, to='core.role', verbose_name='Voor wie'),
        ),
        migrations.AlterField(
            model_name='signalguidepage',
            name='themes',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, to='core.theme', verbose_name="Thema's"),
        ),
        migrations.DeleteModel(
            name='Domain',
        ),
        migrations.DeleteModel(
            name='Phase',
        ),
        migrations.DeleteModel(
            name='Role',
        ),
        migrations.DeleteModel(
            name='Theme',
        ),
        migrations.DeleteModel(
            name='EvidenceLevel',
        ),
    ], database_operations=[]),
    ]
