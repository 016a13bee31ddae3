"""Delete search analytics past their time: run daily (cron or the task scheduler).

Visitor tokens of past days, queries unsearched for SEARCH_ANALYTICS_RETENTION_DAYS, and queries
that never reached the visitor threshold in that time (they never had text).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search.services import search_analytics_prune


class Command(BaseCommand):
    help = "Verwijdert zoekstatistieken die hun bewaartermijn voorbij zijn."

    def handle(self, *args, **options):
        deleted = search_analytics_prune()
        self.stdout.write(
            f"zoekstatistieken: {deleted['queries']} zoekopdrachten en "
            f"{deleted['tokens']} bezoekerstokens verwijderd"
        )
