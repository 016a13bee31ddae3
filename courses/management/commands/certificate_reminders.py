from django.core.management.base import BaseCommand

from courses.tasks import certificate_reminders_deliver


class Command(BaseCommand):
    help = (
        "Zet de herinneringen voor certificaten die over 60, 30 of 7 dagen verlopen in de "
        "wachtrij (dagelijks draaien; zie README)."
    )

    def handle(self, *args, **options):
        result = certificate_reminders_deliver.enqueue()
        self.stdout.write(f"herinneringen certificaten: taak {result.id} ({result.status})")
