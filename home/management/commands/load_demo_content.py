from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.services import DemoContentError, home_demo_content_load


class Command(BaseCommand):
    help = "Laadt de demo-inhoud uit fixtures/demo/ (idempotent: bestaande inhoud blijft staan)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "demo" / "home.json"
        )

    def handle(self, *args, path: Path, **options):
        try:
            written = home_demo_content_load(path=path)
        except DemoContentError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"home: {written['homepage']} homepagina, {written['statements']} verklaringen geschreven"
        )
