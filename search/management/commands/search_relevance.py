"""Print success@3 and MRR of a Dutch relevance set for the active search backend."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from search.relevance import HELDOUT, TUNING, relevance_evaluate, relevance_heldout_queries


class Command(BaseCommand):
    help = "Meet de zoekkwaliteit met een Nederlandse relevantieset (success@3 en MRR)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--set",
            choices=["demo", "heldout"],
            default="demo",
            help="demo: de set over de demo-inhoud; heldout: beide helften van de aparte set "
            "(de inhoud van fixtures/relevance moet zijn geïmporteerd).",
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Eén JSON-regel per meting."
        )

    def handle(self, *args, **options):
        if options["set"] == "demo":
            reports = [relevance_evaluate(label="demo")]
        else:
            reports = [
                relevance_evaluate(relevance_heldout_queries(half=half), label=half)
                for half in (TUNING, HELDOUT)
            ]
        for report in reports:
            if options["as_json"]:
                self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
            else:
                for line in report.lines():
                    self.stdout.write(line)
