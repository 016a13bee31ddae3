"""Elasticsearch search, built with ``elasticsearch.dsl``.

One index for all public content behind an alias; each rebuild creates a new versioned index
(``<alias>-<timestamp>``) and swaps the alias in one atomic call. The Dutch analysis chain:

* index time: split on anything but letters, digits and hyphens; keep a hyphenated word whole,
  in parts and joined ("rechts-extremisme" -> rechts-extremisme, rechts, extremisme,
  rechtsextremisme); lower case; ASCII folding ("Syrië" -> syrie); drop one-letter tokens and
  Dutch stop words; split compounds on the editable word-part list ("jongerenwerker" ->
  jongeren, werker); Dutch snowball stemmer; undouble a final consonant the stemmer leaves
  ("gevangeniss" -> gevangenis).
* search time: hyphens split words; otherwise the same without compound splitting, plus the
  editable synonym list
  (synonym_graph, so multi-word synonyms work). A second, synonym-free search analyzer
  serves the fuzzy (typo-tolerant) clause.
* ``title.prefix`` / ``summary.prefix``: edge n-grams for autocomplete and partial words.

No ``copy_to``: several fields are searched together with ``multi_match`` and
``simple_query_string``.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from elasticsearch.dsl import (
    A,
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
    tokenizer,
)

from ..analysis import compound_parts_of, stop_words, synonym_rules
from ..documents import PageDocument
from ..facets import FACETS
from ..highlight import MARK_END, MARK_START, markup_from_sentinels, snippet_highlight
from ..query import Concept, ParsedQuery, query_concepts
from .base import (
    SORT_DATE,
    SearchBackend,
    SearchBackendError,
    SearchHit,
    SearchRequest,
    SearchResponse,
    Suggestion,
)
from .clients import EngineConfig, EngineError, engine_client

logger = logging.getLogger(__name__)

TEXT_FIELDS = {"title": 6, "summary": 3, "keywords": 2, "body": 1}
FUZZY_FIELDS = ["title^3", "summary^2", "keywords", "body"]
# Elasticsearch refuses a search whose from + size passes index.max_result_window (10,000).
MAX_RESULT_WINDOW = 10_000
# Highlighting re-analyses the text; past index.highlight.max_analyzed_offset (1,000,000
# characters) Elasticsearch refuses the whole search unless the request sets a lower limit.
# A snippet from the first 100,000 characters is enough; a later match shows the summary.
HIGHLIGHT_MAX_CHARS = 100_000

# --- Analysis -----------------------------------------------------------------------------

_words = tokenizer("nl_words", "pattern", pattern=r"[^\p{L}\p{N}\-]+")
# Queries split hyphenated words in the tokenizer: Elasticsearch refuses word_delimiter(_graph)
# before a synonym filter ("cannot be used to parse synonyms").
_query_words = tokenizer("nl_query_words", "pattern", pattern=r"[^\p{L}\p{N}]+")
_lone_dash = char_filter("nl_lone_dash", "pattern_replace", pattern=r"\s-+\s", replacement=" ")
_hyphen_variants = token_filter(
    "nl_hyphen_variants",
    "word_delimiter",
    catenate_all=True,
    preserve_original=True,
    split_on_case_change=False,
    split_on_numerics=False,
    stem_english_possessive=False,
)
_min_length = token_filter("nl_min_length", "length", min=2)


def _stop():
    return token_filter("nl_stop", "stop", stopwords=sorted(stop_words()))


_stem = token_filter("nl_stem", "stemmer", language="dutch")
_undouble = token_filter(
    "nl_undouble", "pattern_replace", pattern=r"([bdfgklmnprstz])\1$", replacement="$1"
)
_unique = token_filter("nl_unique", "unique", only_on_same_position=True)
_edge = token_filter("nl_edge", "edge_ngram", min_gram=2, max_gram=20)


def _compounds():
    """Split compounds into the parts the Dutch word list finds in the indexed content (the
    database index, written before Elasticsearch on every update and rebuild). A page that
    brings a compound with a new part gets it split from the next ``search_rebuild`` on."""
    from ..models import SearchDocument

    rows = SearchDocument.objects.values_list("title", "summary", "keywords", "body")
    parts = compound_parts_of(text for row in rows.iterator() for text in row)
    return token_filter(
        "nl_compounds",
        "dictionary_decompounder",
        word_list=parts or ["weerbaarheid"],  # Elasticsearch refuses an empty list
        min_subword_size=4,
        only_longest_match=False,
    )


def _synonyms():
    return token_filter("nl_synonyms", "synonym_graph", synonyms=synonym_rules(), lenient=True)


def _analyzers() -> dict:
    common = ["lowercase", "asciifolding", _min_length, _stop()]
    return {
        "index": analyzer(
            "nl_index",
            tokenizer=_words,
            char_filter=[_lone_dash],
            filter=[_hyphen_variants, *common, _compounds(), _stem, _undouble, _unique],
        ),
        "search": analyzer(
            "nl_search",
            tokenizer=_query_words,
            filter=[*common, _stem, _undouble, _synonyms()],
        ),
        "plain": analyzer(
            "nl_search_plain",
            tokenizer=_query_words,
            filter=[*common, _stem, _undouble],
        ),
        "prefix": analyzer(
            "nl_prefix", tokenizer=_words, filter=["lowercase", "asciifolding", _edge]
        ),
        "prefix_search": analyzer(
            "nl_prefix_search", tokenizer=_words, filter=["lowercase", "asciifolding"]
        ),
        "spell": analyzer("nl_spell", tokenizer="standard", filter=["lowercase", "asciifolding"]),
    }


def index_definition(name: str) -> Index:
    analyzers = _analyzers()
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_ngram_diff=20)

    def text(prefix: bool = False) -> Text:
        fields = {}
        if prefix:
            fields["prefix"] = Text(
                analyzer=analyzers["prefix"], search_analyzer=analyzers["prefix_search"]
            )
        return Text(analyzer=analyzers["index"], search_analyzer=analyzers["search"], fields=fields)

    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("page_id", Integer())
    mapping.field("type", Keyword())
    mapping.field("title", text(prefix=True))
    mapping.field("summary", text(prefix=True))
    mapping.field("keywords", text())
    mapping.field("body", text())
    mapping.field("spell", Text(analyzer=analyzers["spell"]))
    mapping.field("url", Keyword(index=False))
    mapping.field("evidence_rank", Integer())
    mapping.field("date", Date())
    mapping.field("published", Date())
    for facet in FACETS:
        if facet.name != "type":
            mapping.field(facet.name, Keyword())
    index.mapping(mapping)
    # The search-only analyzers are named in queries, not in the mapping: register them too.
    for item in analyzers.values():
        index.analyzer(item)
    return index


# --- Queries ------------------------------------------------------------------------------


def _fields(boosts: dict[str, int], suffix: str = "") -> list[str]:
    return [f"{name}{suffix}^{boost}" for name, boost in boosts.items()]


# How many of the query's words a page must contain (the database backend's enough_words): one
# of two, two of three, 40 % past that, so a question typed as a sentence still finds the page
# that has some of its words; BM25 then ranks by how many (and how rare) the matched words are.
ENOUGH_WORDS = "1<-1 3<40%"


def text_query(query: ParsedQuery, *, match_any: bool = False):
    """Relevance query for the visitor's words (match_all when there are none: filters only).

    One clause per content word (see ``query_concepts``): the word itself (stemmed, with the
    synonyms of the search analyzer) in any field, or the compound it makes with its neighbour,
    or all its compound parts, or its bare verb stem, or a typo or the start of a longer word.
    Enough words must match (``ENOUGH_WORDS``, or any one with ``match_any``). Stop words get no
    clause of their own. The words as a phrase in the title or summary lift a page.
    """
    must, should, must_not = [], [], []
    enough = "1" if match_any else ENOUGH_WORDS
    if query.terms:
        must.append(
            Q(
                "bool",
                should=[_concept_clause(concept) for concept in query_concepts(query)],
                minimum_should_match=enough,
            )
        )
        text = " ".join(query.content_terms)
        should.append(Q("match_phrase", title={"query": text, "slop": 2, "boost": 3}))
        should.append(Q("match_phrase", summary={"query": text, "slop": 3, "boost": 1.5}))
    for phrase in query.phrases:
        must.append(
            Q(
                "multi_match",
                query=phrase,
                type="phrase",
                fields=_fields(TEXT_FIELDS),
                analyzer="nl_search_plain",
            )
        )
    for excluded in query.excluded:
        must_not.append(
            Q(
                "multi_match",
                query=excluded,
                type="phrase",
                fields=list(TEXT_FIELDS),
                analyzer="nl_search_plain",
            )
        )
    if not must:
        must.append(Q("match_all"))
    return Q("bool", must=must, should=should, must_not=must_not)


def _words_clause(text: str, boost: float = 1.0) -> Q:
    # best_fields with a tie breaker: a word in the title and the body beats one in the body.
    return Q(
        "multi_match",
        query=text,
        fields=_fields(TEXT_FIELDS),
        type="best_fields",
        tie_breaker=0.3,
        boost=boost,
    )


def _concept_clause(concept: Concept) -> Q:
    queries = [_words_clause(concept.term)]
    queries += [_words_clause(joined, 0.9) for joined in concept.joined]
    if concept.parts:
        queries.append(Q("bool", must=[_words_clause(part) for part in concept.parts], boost=0.4))
    queries += [_words_clause(form, 0.8) for form in concept.forms]
    queries.append(_term_clause(concept.term))
    return Q("dis_max", queries=queries)


def _term_clause(term: str) -> Q:
    """A typo (fuzziness AUTO, no synonyms) or the start of a longer word, weaker than the word."""
    return Q(
        "dis_max",
        boost=0.3,
        queries=[
            Q(
                "multi_match",
                query=term,
                fields=FUZZY_FIELDS,
                fuzziness="AUTO",
                prefix_length=1,
                max_expansions=30,
                analyzer="nl_search_plain",
            ),
            Q(
                "multi_match",
                query=term,
                fields=["title.prefix^2", "summary.prefix"],
                boost=0.5,
            ),
        ],
    )


def _boosted(query) -> Q:
    """A mild lift for stronger evidence and recent review; relevance stays in charge."""
    return Q(
        "function_score",
        query=query,
        functions=[
            {"weight": 1},
            {
                "field_value_factor": {
                    "field": "evidence_rank",
                    "factor": 0.03,
                    "missing": 0,
                }
            },
            {
                # A decay function scores a document without the field as 1 (brand new):
                # only dated documents get the recency lift.
                "filter": {"exists": {"field": "date"}},
                "gauss": {"date": {"origin": "now", "scale": "730d", "decay": 0.5}},
                "weight": 0.1,
            },
        ],
        score_mode="sum",
        boost_mode="multiply",
    )


def _filter(name: str, values: list[str]) -> Q:
    return Q("terms", **{name: values})


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, *, config: EngineConfig, alias: str, replicas: str = "0-1"):
        self.alias = alias
        # auto_expand_replicas: one replica as soon as the cluster has a second node (so a
        # node can stop without losing a shard), none on a single node (which stays green).
        self.replicas = replicas
        self.timeout = config.timeout
        # Elasticsearch 8 or OpenSearch behind one small interface (see clients.py).
        self.client = engine_client(config)

    def ping(self) -> bool:
        return self.client.ping()

    # --- Reading

    def _run(self, search: Search):
        try:
            response = self.client.search(search)
        except EngineError as error:
            raise SearchBackendError(str(error)) from error
        # Past the request's "timeout", or with a shard failing, Elasticsearch still answers
        # 200 with the hits it has so far: an incomplete answer, so the database answers instead.
        if response.timed_out or response.to_dict().get("_shards", {}).get("failed", 0):
            raise SearchBackendError("partial results")
        return response

    def search(self, request: SearchRequest) -> SearchResponse:
        query = request.query
        active = {name: values for name, values in request.filters.items() if values}
        relevance = text_query(query, match_any=request.match_any)
        search = Search(index=self.alias).query(_boosted(relevance))
        if active:
            search = search.post_filter(
                Q("bool", filter=[_filter(name, values) for name, values in active.items()])
            )
        for facet in FACETS:
            others = [_filter(n, v) for n, v in active.items() if n != facet.name]
            terms = A("terms", field=facet.name, size=facet.size)
            search.aggs.bucket(f"f_{facet.name}", "filter", Q("bool", filter=others)).bucket(
                "values", terms
            )
        if request.sort == SORT_DATE:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        search = (
            search.highlight_options(
                pre_tags=[MARK_START],
                post_tags=[MARK_END],
                fragment_size=200,
                number_of_fragments=1,
                **{self.client.highlight_offset_option: HIGHLIGHT_MAX_CHARS},
            )
            .highlight("summary", no_match_size=200)
            .highlight("body")
        )
        search = search.source(
            ["page_id", "title", "url", "type", "role", "evidence", "date", "summary"]
        )
        search = search.extra(track_total_hits=True, timeout=f"{int(self.timeout * 1000)}ms")
        # Beyond the result window there is nothing to show (counts and facets still are).
        start = min(request.offset, MAX_RESULT_WINDOW)
        search = search[start : min(request.offset + request.per_page, MAX_RESULT_WINDOW)]
        if query.terms:
            search = search.suggest(
                "spelling",
                query.free_text,
                term={"field": "spell", "suggest_mode": "missing", "min_word_length": 4},
            )
        response = self._run(search)
        count = response.hits.total.value
        facet_counts = {
            facet.name: {
                bucket.key: bucket.doc_count
                for bucket in getattr(response.aggregations, f"f_{facet.name}").values.buckets
            }
            for facet in FACETS
        }
        hits = [self._hit(hit, query) for hit in response.hits]
        suggestion = None
        if count == 0 and query.terms and "suggest" in response:
            suggestion = _did_you_mean(query, response.suggest.to_dict().get("spelling", []))
        return SearchResponse(
            request=request,
            count=count,
            hits=hits,
            facet_counts=facet_counts,
            backend=self.name,
            suggestion=suggestion,
        )

    def _hit(self, hit, query: ParsedQuery) -> SearchHit:
        highlight = getattr(hit.meta, "highlight", None)
        fragment = None
        if highlight is not None:
            for name in ("summary", "body"):
                fragments = list(getattr(highlight, name, []) or [])
                if fragments and (MARK_START in fragments[0] or name == "body"):
                    fragment = fragments[0]
                    break
            if fragment is None and getattr(highlight, "summary", None):
                fragment = list(highlight.summary)[0]
        if fragment is None or MARK_START not in fragment:
            # No highlight from the server (e.g. only a synonym matched): mark the summary here.
            snippet = snippet_highlight(
                texts=[hit.summary or "", fragment or ""], terms=query.content_terms + query.phrases
            )
        else:
            snippet = markup_from_sentinels(fragment)
        date = getattr(hit, "date", None)
        if isinstance(date, str):
            date = datetime.date.fromisoformat(date[:10])
        elif isinstance(date, datetime.datetime):
            date = date.date()
        return SearchHit(
            page_id=hit.page_id,
            title=hit.title,
            url=hit.url,
            type=hit.type,
            snippet=snippet,
            roles=list(getattr(hit, "role", []) or []),
            evidence=(list(getattr(hit, "evidence", []) or []) or [None])[0],
            date=date,
        )

    def suggest(self, text: str, *, limit: int = 8) -> list[Suggestion]:
        search = Search(index=self.alias).query(
            Q(
                "bool",
                must=[Q("multi_match", query=text, fields=["title.prefix"], operator="and")],
                should=[Q("match_phrase_prefix", title={"query": text, "boost": 2})],
            )
        )
        search = search.source(["title", "url", "type"])[:limit]
        response = self._run(search)
        return [Suggestion(title=h.title, url=h.url, type=h.type) for h in response.hits]

    # --- Writing

    def _write_targets(self) -> list[str]:
        """The live index and any newer one a rebuild is filling, so no update is lost."""
        indices = self.client.indices(f"{self.alias}-*")
        if not indices:
            name = self._create_index()
            self.client.put_alias(index=name, alias=self.alias)
            return [name]
        return indices

    def _create_index(self) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        name = f"{self.alias}-{stamp}"
        definition = index_definition(name)
        definition.settings(auto_expand_replicas=self.replicas)
        self.client.create_index(definition)
        return name

    def index_documents(self, documents: Iterable[PageDocument]) -> None:
        documents = list(documents)
        if not documents:
            return
        actions = [
            {"_op_type": "index", "_index": target, "_id": d.page_id, **d.as_elasticsearch()}
            for target in self._write_targets()
            for d in documents
        ]
        # refresh=True, not "wait_for": searchable at once, without holding the worker up to
        # a refresh interval per update (an editor's publish is a handful of documents).
        self.client.bulk(actions, refresh=True)

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        ids = list(page_ids)
        if not ids:
            return
        actions = [
            {"_op_type": "delete", "_index": target, "_id": page_id}
            for target in self._write_targets()
            for page_id in ids
        ]
        self.client.bulk(actions, refresh=True, raise_on_error=False)

    def rebuild(self, documents: Iterable[PageDocument]) -> int:
        """Fill a new versioned index with the bulk API, then swap the alias atomically."""
        name = self._create_index()
        try:
            count, _errors = self.client.bulk(
                (
                    {"_op_type": "index", "_index": name, "_id": d.page_id, **d.as_elasticsearch()}
                    for d in documents
                ),
                chunk_size=1000,
                request_timeout=120,
            )
            self.client.refresh(name)
        except Exception:
            self.client.delete_index(name)
            raise
        old = self.client.alias_indices(self.alias)
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.update_aliases(actions)
        # Older versions (including any left by an interrupted rebuild) are no longer read.
        for index in self.client.indices(f"{self.alias}-*"):
            if index != name and index < name:
                self.client.delete_index(index)
        return count

    def published_stamps(self) -> dict[int, str | None]:
        """Page id -> "published" stamp of every document searches read (for reconcile)."""
        return {
            int(doc_id): source.get("published")
            for doc_id, source in self.client.scan(self.alias, fields=["published"])
        }

    def drop(self) -> None:
        """Delete every index of this alias (tests)."""
        # By name: Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name).
        for index in self.client.indices(f"{self.alias}-*"):
            self.client.delete_index(index)


def _did_you_mean(query: ParsedQuery, entries: list[dict]) -> str | None:
    replacements = {}
    for entry in entries:
        options = entry.get("options") or []
        if options:
            replacements[entry["text"].lower()] = options[0]["text"]
    if not replacements:
        return None
    from ..analysis import fold

    words = [
        replacements.get(fold(term), replacements.get(term.lower(), term)) for term in query.terms
    ]
    suggestion = " ".join(words)
    return suggestion if fold(suggestion) != fold(query.free_text) else None
