"""Find what the search engine is missing and index it, without a full rebuild.

Queued index updates are retried for a few minutes; when the engine was down longer than
that, pages published meanwhile are only in the database index. This compares page ids and
"published" stamps with the engine's copy and indexes what is missing or out of date (and
removes what is gone). Safe to run at any time, e.g. hourly from cron and after an outage.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.services import search_index_reconcile


class Command(BaseCommand):
    help = "Vergelijkt de zoekmachine met de pagina's en indexeert wat ontbreekt of verouderd is."

    def handle(self, *args, **options):
        try:
            counts = search_index_reconcile()
        except Exception as error:
            raise CommandError(
                f"zoekindex niet bijgewerkt: {type(error).__name__}: {error}"
            ) from error
        self.stdout.write(
            "zoekindex bijgewerkt: {checked} pagina's vergeleken, {indexed} geïndexeerd, "
            "{removed} verwijderd".format(**counts)
        )
