"""Certificates that tell the truth: ended with the holder's account (not revoked), the study
load a register asks for, and the provider's neutral name for certificates."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    Certificate = apps.get_model("courses", "Certificate")
    # Until now erasure revoked with this reason and emptied the holder: never a revocation by
    # the provider.
    Certificate.objects.filter(
        revoked_at__isnull=False, revocation_reason="account verwijderd", user__isnull=True
    ).update(ended_by_holder=True)
    for certificate in Certificate.objects.filter(
        study_load_minutes__isnull=True, course__isnull=False
    ).select_related("course"):
        certificate.study_load_minutes = certificate.course.duration_minutes
        certificate.save(update_fields=["study_load_minutes"])


class Migration(migrations.Migration):
    dependencies = [("courses", "0004_per_view_time")]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="ended_by_holder",
            field=models.BooleanField(
                default=False, verbose_name="beëindigd met het account van de houder"
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="study_load_minutes",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="studielast (minuten)"
            ),
        ),
        migrations.AddField(
            model_name="provider",
            name="neutral_name",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Nodig als de naam radicalisering noemt: deelnemers laten hun certificaat "
                    "aan werkgevers en registers zien, en het mag hen niet labelen. Geef een "
                    "eigen neutrale naam of een omschrijving, geen losse afkorting."
                ),
                max_length=200,
                verbose_name="naam op certificaten",
            ),
        ),
        migrations.AlterField(
            model_name="coursepage",
            name="certificate_title",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Leeg = de titel van de cursus. Waarom kan deze titel anders zijn? Deelnemers "
                    "laten hun certificaat aan werkgevers en registers zien, en het mag hen niet "
                    "labelen: het certificaat noemt daarom nooit het woord 'radicalisering'. Kies "
                    "een titel die zegt wat iemand kan, bijvoorbeeld 'Signaleren en handelen'. In "
                    "Mijn leeromgeving zien deelnemers beide namen."
                ),
                max_length=160,
                verbose_name="Titel op het certificaat",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
