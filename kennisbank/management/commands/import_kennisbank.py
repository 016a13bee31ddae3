from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kennisbank.importing import KennisbankImportError
from kennisbank.selectors import kennisbank_has_content
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
        parser.add_argument(
            "--only-if-empty",
            action="store_true",
            help="Niets doen als de kennisbank al inhoud heeft (zo overschrijft make run geen wijzigingen).",
        )

    def handle(self, *args, path: Path, dry_run: bool, draft: bool, only_if_empty: bool, **options):
        if only_if_empty and kennisbank_has_content():
            self.stdout.write("kennisbank: heeft al inhoud, niets geïmporteerd")
            return
        try:
            report = kennisbank_import_file(path=path, publish=not draft, dry_run=dry_run)
        except KennisbankImportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"kennisbank: {report}")
