"""The Elasticsearch index: Dutch analysis, the mapping, and the versioned indices behind the
alias (create, find where updates go, fill and swap on a rebuild, drop).

Kept apart from query building because the two change for different reasons: analysis and
mapping change what is stored (and need a ``search_rebuild``), queries only change how it is
asked for. The analyzers' names are the contract between them (``nl_search_plain`` is named in
queries).

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
from collections.abc import Iterable

from elasticsearch.dsl import (
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Text,
    analyzer,
    char_filter,
    token_filter,
    tokenizer,
)

from ...analysis import compound_parts_of, stop_words, synonym_rules
from ...documents import PageDocument
from ...facets import FACETS
from ..clients import EngineClient

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
    from ...models import SearchDocument

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


# --- Mapping ------------------------------------------------------------------------------


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


# --- Versioned indices behind the alias ---------------------------------------------------


def create_index(*, client: EngineClient, alias: str, replicas: str) -> str:
    """A new, empty ``<alias>-<timestamp>`` index (not yet behind the alias); its name."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    name = f"{alias}-{stamp}"
    definition = index_definition(name)
    definition.settings(auto_expand_replicas=replicas)
    client.create_index(definition)
    return name


def write_targets(*, client: EngineClient, alias: str, replicas: str) -> list[str]:
    """The live index and any newer one a rebuild is filling, so no update is lost."""
    indices = client.indices(f"{alias}-*")
    if not indices:
        name = create_index(client=client, alias=alias, replicas=replicas)
        client.put_alias(index=name, alias=alias)
        return [name]
    return indices


def rebuild_index(
    *, client: EngineClient, alias: str, replicas: str, documents: Iterable[PageDocument]
) -> int:
    """Fill a new versioned index with the bulk API, then swap the alias atomically."""
    name = create_index(client=client, alias=alias, replicas=replicas)
    try:
        count, _errors = client.bulk(
            (
                {"_op_type": "index", "_index": name, "_id": d.page_id, **d.as_elasticsearch()}
                for d in documents
            ),
            chunk_size=1000,
            request_timeout=120,
        )
        client.refresh(name)
    except Exception:
        client.delete_index(name)
        raise
    old = client.alias_indices(alias)
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    client.update_aliases(actions)
    # Older versions (including any left by an interrupted rebuild) are no longer read.
    for index in client.indices(f"{alias}-*"):
        if index != name and index < name:
            client.delete_index(index)
    return count


def drop_indices(*, client: EngineClient, alias: str) -> None:
    """Delete every index of this alias (tests)."""
    # By name: Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name).
    for index in client.indices(f"{alias}-*"):
        client.delete_index(index)
