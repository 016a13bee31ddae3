"""Search documents (one per live, public indexed page) and anonymous query statistics.

``SearchDocument`` is the database backend's index and the source of facet values for both
backends: the same builder fills it and the Elasticsearch index, so both search the same text.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch import index


class SearchDocument(index.Indexed, models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    type = models.CharField(max_length=40)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    evidence_rank = models.SmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    # Facet values ({"role": ["docent"], ...}); the database backend counts and filters with an
    # in-process copy of them (backends/facet_index.py).
    facets = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)  # the index stamp's MAX

    # The search services index these rows themselves (in bulk on a rebuild).
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("indexed_summary", boost=2),
        index.SearchField("indexed_keywords", boost=2),
        index.SearchField("indexed_body"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")

    def __str__(self) -> str:
        return self.title

    # PostgreSQL's text parser reads "<word>" as the start of markup and drops what follows;
    # the stored text is plain, so angle brackets only ever confuse it.
    def indexed_summary(self) -> str:
        return _without_brackets(self.summary)

    def indexed_keywords(self) -> str:
        return _without_brackets(self.keywords)

    def indexed_body(self) -> str:
        return _without_brackets(self.body)


def _without_brackets(text: str) -> str:
    return text.replace("<", " ").replace(">", " ")


class SearchQueryStat(models.Model):
    """How often a query was searched, by how many visitors, how often it found nothing.

    Never who searched. The text is kept only once ``SEARCH_ANALYTICS_MIN_VISITORS`` distinct
    visitors typed it (k-anonymity: a pupil's name typed by one teacher never reaches an
    editor); until then the row holds counts and a keyed hash of the text, nothing readable.
    """

    query_key = models.CharField(max_length=64, unique=True, editable=False)
    query = models.CharField(_("zoekopdracht"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("aantal keer gezocht"), default=0)
    visitor_count = models.PositiveIntegerField(_("aantal bezoekers"), default=0)
    zero_result_count = models.PositiveIntegerField(_("aantal keer zonder resultaat"), default=0)
    first_searched = models.DateField(_("eerst gezocht"))
    last_searched = models.DateField(_("laatst gezocht"))

    class Meta:
        verbose_name = _("zoekopdracht")
        verbose_name_plural = _("zoekopdrachten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(zero_result_count__lte=models.F("count")),
                name="search_query_zero_within_count",
            )
        ]
        indexes = [
            models.Index(fields=["-count"]),
            models.Index(fields=["-zero_result_count"]),
        ]

    def __str__(self) -> str:
        return self.query


class SearchQueryVisitor(models.Model):
    """That one visitor already counted for a query today, so ``visitor_count`` counts distinct
    visitors. The token is a keyed hash of the day and the address: it cannot be turned back
    into the address, changes every day, and the retention job deletes it once the day is over
    (search_analytics_prune). Not linked to any account, so not in the privacy registry."""

    stat = models.ForeignKey(SearchQueryStat, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=32)
    day = models.DateField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stat", "token"], name="search_visitor_once")
        ]
