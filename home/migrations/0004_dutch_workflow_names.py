"""Wagtail's default workflow and its task are called "Moderators approval" (wagtailcore 0048
joins the group names and " approval"). The name appears in the moderators' e-mails, on the
editor's buttons and in the status panel of a Dutch interface: give both a Dutch name. Names
an administrator already changed are left alone."""

from django.db import migrations

OLD = "Moderators approval"
WORKFLOW = "Goedkeuring door moderatoren"
TASK = "Beoordeling door moderatoren"


def to_dutch(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=OLD).update(name=WORKFLOW)
    apps.get_model("wagtailcore.Task").objects.filter(name=OLD).update(name=TASK)


def to_english(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW).update(name=OLD)
    apps.get_model("wagtailcore.Task").objects.filter(name=TASK).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_alter_homepage_role_entries"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_dutch, to_english)]
