"""A course's roles and themes point at the taxonomy in core (same tables, database left alone)."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('courses', '0005_certificate_holder_choice_study_load_provider_neutral_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(
            model_name='coursepage',
            name='roles',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, to='core.role', verbose_name='Voor wie'),
        ),
        migrations.AlterField(
            model_name='coursepage',
            name='themes',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, to='core.theme', verbose_name="Thema's"),
        ),
    ], database_operations=[]),
    ]
