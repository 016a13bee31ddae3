from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.importing import CourseImportError
from courses.selectors import courses_exist
from courses.services import course_import_file


class Command(BaseCommand):
    help = "Importeert aanbieders, cursussen en lessen uit een JSON-bestand (idempotent per key)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren.")
        parser.add_argument(
            "--only-if-empty",
            action="store_true",
            help="Niets doen als er al cursussen zijn (zo overschrijft make run geen wijzigingen).",
        )

    def handle(self, *args, path: Path, dry_run: bool, only_if_empty: bool, **options):
        if only_if_empty and courses_exist():
            self.stdout.write("cursussen: er zijn al cursussen, niets geïmporteerd")
            return
        try:
            report = course_import_file(path=path, dry_run=dry_run)
        except CourseImportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"cursussen: {report}")
