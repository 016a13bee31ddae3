"""From a page to its search document, the one shape both backends index."""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field

from wagtail.models import Page

from .registry import search_source_for

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


@dataclass
class PageDocument:
    page_id: int
    type: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    keywords: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)  # facet name -> values
    evidence_rank: int | None = None
    date: datetime.date | None = None
    # When the page was last published: search_reconcile compares it with the engine's copy.
    published: datetime.datetime | None = None

    def as_elasticsearch(self) -> dict:
        return {
            "page_id": self.page_id,
            "type": self.type,
            "title": self.title,
            "url": self.url,
            "summary": self.summary,
            "body": self.body,
            "keywords": self.keywords,
            # The words the "did you mean" suggester may propose; filled here, never by copy_to.
            "spell": " ".join([self.title, self.summary, self.body[:5000]]),
            "evidence_rank": self.evidence_rank,
            "date": self.date.isoformat() if self.date else None,
            "published": self.published.isoformat() if self.published else None,
            **{name: values for name, values in self.facets.items() if name != "type"},
        }


def plain_text(value) -> str:
    """Readable text from rich text, StreamField data or plain strings, tags removed."""
    parts: list[str] = []

    def walk(item) -> None:
        if item is None:
            return
        if isinstance(item, str):
            # Stored HTML is sanitised already: dropping tags is enough (and fast on a rebuild).
            parts.append(html.unescape(_TAG.sub(" ", item)) if "<" in item else item)
        elif isinstance(item, dict):
            for key, sub in item.items():
                if key not in ("id", "type"):
                    walk(sub)
        elif isinstance(item, list | tuple):
            for sub in item:
                walk(sub)
        elif hasattr(item, "raw_data"):  # StreamValue
            walk(list(item.raw_data))
        elif hasattr(item, "source"):  # RichText
            walk(item.source)
        else:
            parts.append(str(item))

    walk(value)
    return _SPACE.sub(" ", " ".join(parts)).strip()


def page_document_build(page: Page) -> PageDocument | None:
    """The document for ``page``, or None when its type is not searchable or it is not live.
    Callers pass only public pages (``Page.objects.live().public()``): a view restriction on an
    ancestor is a query per page, so they filter the whole set at once."""
    page = page.specific
    source = search_source_for(type(page))
    if source is None or not page.live:
        return None
    fields = source.build(page)
    url = page.get_url() or page.url_path
    date = fields.date or (page.last_published_at.date() if page.last_published_at else None)
    facets = {
        "type": [source.type_key],
        "role": list(dict.fromkeys(fields.roles)),
        "domain": list(dict.fromkeys(fields.domains)),
        "theme": list(dict.fromkeys(fields.themes)),
        "phase": list(dict.fromkeys(fields.phases)),
        "evidence": [fields.evidence] if fields.evidence else [],
        "provider": [fields.provider.strip()[:200]] if fields.provider.strip() else [],
    }
    return PageDocument(
        page_id=page.pk,
        type=source.type_key,
        title=page.title,
        url=url,
        summary=_SPACE.sub(" ", fields.summary).strip(),
        body=fields.body,
        keywords=" ".join(fields.keywords),
        facets=facets,
        evidence_rank=fields.evidence_rank,
        date=date,
        published=page.last_published_at,
    )
