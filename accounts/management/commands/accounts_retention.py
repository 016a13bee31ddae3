from django.core.management.base import BaseCommand

from accounts.retention import retention_run


class Command(BaseCommand):
    help = (
        "Waarschuwt accounts die lang niet gebruikt zijn en verwijdert ze 30 dagen later "
        "(dagelijks draaien; zie README)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets doen.")

    def handle(self, *args, dry_run: bool, **options):
        self.stdout.write(f"bewaartermijn: {retention_run(dry_run=dry_run)}")
