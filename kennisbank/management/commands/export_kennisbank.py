import json
from pathlib import Path

from django.core.management.base import BaseCommand

from kennisbank.services import kennisbank_export


class Command(BaseCommand):
    help = (
        "Exporteert alle handreikingen en praktijken naar JSON (hetzelfde formaat als de import)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        data = kennisbank_export()
        path.write_text(
            json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
        self.stdout.write(
            f"kennisbank: {len(data['guides'])} handreikingen, {len(data['practices'])} praktijken geëxporteerd"
        )
