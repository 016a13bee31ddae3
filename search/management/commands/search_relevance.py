"""Print success@3 and MRR of the Dutch relevance set for the active search backend."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search.relevance import relevance_evaluate


class Command(BaseCommand):
    help = "Meet de zoekkwaliteit met de Nederlandse relevantieset (success@3 en MRR)."

    def handle(self, *args, **options):
        for line in relevance_evaluate().lines():
            self.stdout.write(line)
