"""Database search: Wagtail's modelsearch over ``SearchDocument`` (SQLite FTS5 or PostgreSQL
full-text with the Dutch configuration), facets counted with SQL.

Less clever than Elasticsearch: no typo tolerance beyond the "did you mean" suggestion, no
compound splitting, stemming only on PostgreSQL. Synonyms from the shared file are expanded
in the query. A query whose words are not all found is retried with any word matching.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from modelsearch.backends import get_search_backend
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText

from ..analysis import compound_split, fold, stem, synonym_groups
from ..documents import PageDocument
from ..facets import FACETS
from ..highlight import snippet_highlight
from ..models import SearchDocument
from ..query import Concept, ParsedQuery, enough_words, query_concepts
from .base import (
    SORT_DATE,
    SearchHit,
    SearchRequest,
    SearchResponse,
    Suggestion,
)
from .base import SearchBackend as BaseSearchBackend
from .facet_index import facet_index, index_stamp
from .fts5 import match_expression, matching_entries

_WORD = re.compile(r"\w+", re.UNICODE)


def _text_query(text: str):
    return Phrase(text) if " " in text or "-" in text else PlainText(text)


def _term_query(term: str):
    alternatives = synonym_groups().get(fold(term), [])
    if not alternatives:
        return _text_query(term)
    return Or([_text_query(term), *(_text_query(alt) for alt in alternatives)])


def _concept_query(concept: Concept):
    """Any way of writing one query word, for the full-text index."""
    options = [_text_query(concept.term)]
    options += [_text_query(text) for text in [*concept.synonyms, *concept.joined, *concept.forms]]
    if concept.parts:
        options.append(And([PlainText(part) for part in concept.parts]))
    return options[0] if len(options) == 1 else Or(options)


_STEM_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _stem_list(text: str) -> list[str]:
    """The stems of a text's words, each compound also by its parts."""
    result = []
    for word in _STEM_WORD.findall(fold(text or "")):
        result.append(stem(word))
        result.extend(stem(part) for part in compound_split(word))
    return result


def _concept_stems(concept: Concept) -> tuple[set[str], set[str]]:
    """The stems that mean the concept on their own, and its compound parts' stems.

    The parts count in a field only together ("mentorgesprek" is in "gesprek met de mentor",
    not in "cursus voor mentoren"), and for less than the word itself.
    """
    words = [concept.term, *concept.joined, *concept.forms]
    for synonym in concept.synonyms:
        words.extend(synonym.split())
    return {stem(word) for word in words}, {stem(part) for part in concept.parts}


# A query compound found only by its parts in a title is weaker evidence than the compound.
PARTS_WEIGHT = 0.5


def _field_match(stems: tuple[set[str], set[str]], words: set[str]) -> float:
    """How much of one concept a field holds: 1 for the word, PARTS_WEIGHT for all its parts."""
    whole, parts = stems
    if whole & words:
        return 1.0
    if parts and parts <= words:
        return PARTS_WEIGHT
    return 0.0


def _modelsearch_query(query: ParsedQuery, *, any_term: bool = False):
    positives = [_term_query(term) for term in query.content_terms]
    if any_term and len(positives) > 1:
        positives = [Or(positives)]
    positives += [Phrase(phrase) for phrase in query.phrases]
    if not positives:
        positives = [MatchAll()]
    negatives = [Not(_text_query(text)) for text in query.excluded]
    if len(positives) == 1 and not negatives:
        return positives[0]
    return And(positives + negatives)


def _sqlite_matches(search_query, base):
    """The documents matching on SQLite, with the full-text match run once (see fts5.py for
    why); None on any other database, or for a query FTS5 cannot take on its own, which then
    goes through modelsearch's public ``search()``."""
    match = match_expression(query=search_query)
    entries = matching_entries(entries=_index_entries(), match=match) if match else None
    if entries is None:
        return None
    return base.filter(pk__in=entries.values("object_id"))


class DatabaseSearchBackend(BaseSearchBackend):
    name = "database"

    @property
    def _modelsearch(self):
        return get_search_backend()

    def _ids(self, search_query) -> set[int]:
        base = SearchDocument.objects.all()
        queryset = _sqlite_matches(search_query, base)
        if queryset is None:
            matches = self._modelsearch.search(search_query, base, order_by_relevance=False)
            queryset = matches.get_queryset().order_by()
        return set(queryset.values_list("pk", flat=True))

    def _matches(self, query: ParsedQuery, *, any_term: bool = False) -> dict[int, float] | None:
        """Each matching document's score; None when there are no words (every document
        matches, newest first).

        The same concepts as Elasticsearch (``query_concepts``: the word, its synonyms, the
        compound with its neighbour, its compound parts, its bare verb stem), each looked up in
        the full-text index once. A page must contain enough of them (``enough_words``, as
        Elasticsearch's minimum_should_match), and is scored like BM25 in spirit: each matched
        concept adds its rarity (idf), more when its stem is in the title (x3), summary (x1.5)
        or keywords; the query's words side by side in the title or summary add a phrase bonus.
        Only ids, titles, summaries and keywords cross from the database; filtering, facets and
        ordering use the in-process facet index.
        """
        concepts = query_concepts(query) if query.terms else []
        if not concepts and not query.phrases:
            return None
        matched: list[set[int]] = [self._ids(_concept_query(c)) for c in concepts]
        candidates = set().union(*matched) if matched else None
        for phrase in query.phrases:
            found = self._ids(Phrase(phrase))
            candidates = found if candidates is None else candidates & found
        for excluded in query.excluded:
            candidates -= self._ids(_text_query(excluded))
        if not candidates:
            return {}
        needed = 1 if any_term else enough_words(len(concepts))
        total = max(SearchDocument.objects.count(), 1)
        idf = [math.log(1 + total / max(len(ids), 1)) for ids in matched]
        stems = [_concept_stems(c) for c in concepts]
        pairs = [
            (stem(a), stem(b))
            for a, b in zip(query.content_terms, query.content_terms[1:], strict=False)
        ]
        scores: dict[int, float] = {}
        rows = SearchDocument.objects.filter(pk__in=candidates).values_list(
            "pk", "title", "summary", "keywords"
        )
        for pk, title, summary, keywords in rows.iterator():
            hits = [i for i, ids in enumerate(matched) if pk in ids]
            if len(hits) < needed and not query.phrases:
                continue
            fields = [
                (_stem_list(title), 3.0),
                (_stem_list(summary), 1.5),
                (_stem_list(keywords), 1.0),
            ]
            # Each field's stems as a set once per row, not once per matched concept.
            field_sets = [(set(words), weight) for words, weight in fields]
            score = 0.0
            for i in hits:
                bonus = sum(weight * _field_match(stems[i], words) for words, weight in field_sets)
                score += idf[i] * (1 + bonus)
            for words, weight in fields[:2]:
                joined = set(zip(words, words[1:], strict=False))
                score += weight * sum(pair in joined for pair in pairs)
            scores[pk] = score
        return scores

    def search(self, request: SearchRequest) -> SearchResponse:
        query = request.query
        index = facet_index()
        filters = {name: set(values) for name, values in request.filters.items() if values}
        ranks = self._matches(query, any_term=request.match_any)
        matched = index.all_ids if ranks is None else frozenset(ranks)
        passing = index.scope(filters, matched)
        # Each facet counts within every other active filter but its own.
        facet_counts = index.counts(
            {
                facet.name: index.scope(filters, matched, skip=facet.name)
                if facet.name in filters
                else passing
                for facet in FACETS
            }
        )
        unknown = (0, 1)  # a document newer than the facet index: last among its rank
        if ranks is None or request.sort == SORT_DATE:
            ordered = sorted(passing, key=lambda pk: (index.order.get(pk, unknown)[1], -pk))
        else:
            ordered = sorted(
                passing, key=lambda pk: (-ranks[pk], *index.order.get(pk, unknown), -pk)
            )
        chosen = ordered[request.offset : request.offset + request.per_page]
        documents = SearchDocument.objects.in_bulk(chosen)
        hits = [self._hit(documents[pk], query) for pk in chosen if pk in documents]
        return SearchResponse(
            request=request,
            count=len(passing),
            hits=hits,
            facet_counts=facet_counts,
            backend=self.name,
            suggestion=self._did_you_mean(query) if not passing else None,
        )

    def _hit(self, document: SearchDocument, query: ParsedQuery) -> SearchHit:
        terms = query.content_terms + query.phrases
        for term in query.content_terms:
            terms += synonym_groups().get(fold(term), [])
        return SearchHit(
            page_id=document.pk,
            title=document.title,
            url=document.url,
            type=document.type,
            snippet=snippet_highlight(texts=[document.summary, document.body], terms=terms),
            roles=document.facets.get("role", []),
            evidence=(document.facets.get("evidence") or [None])[0],
            date=document.date,
        )

    def _vocabulary(self) -> set[str]:
        stamp = index_stamp()
        key = (
            "search:vocabulary:"
            + hashlib.sha1(repr(stamp).encode(), usedforsecurity=False).hexdigest()
        )
        vocabulary = cache.get(key)
        if vocabulary is None:
            vocabulary = set()
            rows = SearchDocument.objects.values_list("title", "summary", "keywords")
            for row in rows.iterator():
                for text in row:
                    vocabulary.update(w for w in _WORD.findall(fold(text)) if len(w) > 3)
            cache.set(key, vocabulary, 60 * 60)
        return vocabulary

    def _did_you_mean(self, query: ParsedQuery) -> str | None:
        """The query with unknown words replaced by the closest known ones. Two words that
        the content writes as one are joined first ("jongeren werker" -> "jongerenwerker"):
        Dutch compounds written apart are a common slip, and a spelling guess would get them
        wrong."""
        if not query.terms:
            return None
        vocabulary = self._vocabulary()
        changed, words = False, []
        terms = list(query.terms)
        position = 0
        while position < len(terms):
            term = terms[position]
            folded = fold(term)
            if position + 1 < len(terms):
                joined = folded + fold(terms[position + 1])
                if joined in vocabulary:
                    words.append(joined)
                    changed = True
                    position += 2
                    continue
            if len(folded) > 3 and folded not in vocabulary:
                close = difflib.get_close_matches(folded, vocabulary, n=1, cutoff=0.75)
                if close:
                    words.append(close[0])
                    changed = True
                    position += 1
                    continue
            words.append(term)
            position += 1
        return " ".join(words) if changed else None

    def suggest(self, text: str, *, limit: int = 8) -> list[Suggestion]:
        text = " ".join(_WORD.findall(text))
        if not text:
            return []
        results = self._modelsearch.autocomplete(text, SearchDocument.objects.all())
        return [Suggestion(title=d.title, url=d.url, type=d.type) for d in results[:limit]]

    # --- Indexing: the document rows are the index; modelsearch keeps its FTS entries.

    def index_documents(self, documents: Iterable[PageDocument]) -> None:
        documents = list(documents)
        index = self._modelsearch.get_index_for_model(SearchDocument)
        for start in range(0, len(documents), 500):
            # Row and full-text entry in one transaction: a removal running at the same time
            # can no longer delete the row between the two writes and leave the entry behind.
            with transaction.atomic():
                rows = [_store(document) for document in documents[start : start + 500]]
                if index is not None:
                    index.add_items(SearchDocument, rows)

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        ids = list(page_ids)
        if not ids:
            return
        with transaction.atomic():
            # Deleting the rows takes their entries along (modelsearch's generic relation);
            # entries are also removed by page id, for rows that went without them (a page
            # deleted before its removal task ran, or an entry written after its row was gone).
            SearchDocument.objects.filter(pk__in=ids).delete()
            _index_entries().filter(object_id__in=[str(pk) for pk in ids]).delete()

    def rebuild(self, documents: Iterable[PageDocument]) -> int:
        documents = list(documents)
        index = self._modelsearch.get_index_for_model(SearchDocument)
        keep = {document.page_id for document in documents}
        with transaction.atomic():
            SearchDocument.objects.exclude(pk__in=keep).delete()
            # Upsert in bulk: deleting ten thousand rows first would load each one.
            rows = SearchDocument.objects.bulk_create(
                [_row(document) for document in documents],
                batch_size=500,
                update_conflicts=True,
                unique_fields=["page"],
                update_fields=[*_fields(documents[0]), "updated_at"] if documents else None,
            )
            # Entries of documents that no longer exist, however they lost their row.
            _index_entries().exclude(
                object_id__in=SearchDocument.objects.annotate(
                    key=Cast("pk", output_field=CharField())
                ).values("key")
            ).delete()
            if index is not None:
                for start in range(0, len(rows), 500):
                    index.add_items(SearchDocument, rows[start : start + 500])
        return len(rows)


def _index_entries():
    """modelsearch's full-text entries of search documents."""
    from django.contrib.contenttypes.models import ContentType

    entry_model = SearchDocument._meta.get_field("index_entries").related_model
    return entry_model._default_manager.filter(
        content_type=ContentType.objects.get_for_model(SearchDocument)
    )


def _row(document: PageDocument) -> SearchDocument:
    return SearchDocument(page_id=document.page_id, **_fields(document))


def _fields(document: PageDocument) -> dict:
    return {
        "type": document.type,
        "title": document.title[:255],
        "summary": document.summary,
        "body": document.body,
        "keywords": document.keywords,
        "url": document.url[:500],
        "evidence_rank": document.evidence_rank,
        "date": document.date,
        "facets": {name: values for name, values in document.facets.items() if values},
    }


def _store(document: PageDocument) -> SearchDocument:
    row, _created = SearchDocument.objects.update_or_create(
        page_id=document.page_id, defaults=_fields(document)
    )
    return row


# What ``search.backends.get_search_backend`` builds for BACKEND = this module's path.
SearchBackend = DatabaseSearchBackend
