"""The Trainers group. Editors and Moderators come from Wagtail's own migrations; the
permissions of trainers arrive with the cohort models that need them."""

from django.db import migrations

TRAINERS = "Trainers"


def create(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=TRAINERS)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRAINERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
