"""Rebuild the search indexes from the live, public pages.

Elasticsearch: a new versioned index is filled with the bulk API and the alias is swapped
when it is complete, so searches keep being answered during the rebuild. The database
index (the fallback) is rebuilt in one transaction.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Bouwt de zoekindexen opnieuw op (Elasticsearch via een nieuwe index en alias)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--elasticsearch-only",
            action="store_true",
            help="Alleen de Elasticsearch-index, niet de database-index.",
        )

    def handle(self, *args, elasticsearch_only: bool = False, **options):
        try:
            timings = search_index_rebuild(elasticsearch_only=elasticsearch_only)
        except Exception as error:
            raise CommandError(
                f"zoekindex niet opnieuw opgebouwd: {type(error).__name__}: {error}"
            ) from error
        parts = [f"{int(timings['count'])} documenten"]
        for step in ("documents", "database", "elasticsearch"):
            if step in timings:
                parts.append(f"{step} {timings[step]:.1f} s")
        self.stdout.write("zoekindex opnieuw opgebouwd: " + ", ".join(parts))
