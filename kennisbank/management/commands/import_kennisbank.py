from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kennisbank.importing import KennisbankImportError
from kennisbank.services import kennisbank_import_file


class Command(BaseCommand):
    help = "Importeert handreikingen en praktijken uit een JSON-bestand (idempotent per key)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen controleren, niets schrijven."
        )
        parser.add_argument(
            "--draft", action="store_true", help="Als concept opslaan, niet publiceren."
        )

    def handle(self, *args, path: Path, dry_run: bool, draft: bool, **options):
        try:
            report = kennisbank_import_file(path=path, publish=not draft, dry_run=dry_run)
        except KennisbankImportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"kennisbank: {report}")
