"""Courses and lessons in the site search (see search/registry.py).

Lessons are found by their teaching text, not by quiz answers or dilemma outcomes: a search result
should not give a test away. A lesson result leads non-enrolled visitors to its course.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.documents import plain_text
from search.registry import DocumentFields, SearchSource, search_source_register

from .models import CoursePage, LessonPage

TEACHING_BLOCKS = {"heading_block", "paragraph_block", "callout_block", "reflection_prompt"}


def course_fields(page: CoursePage) -> DocumentFields:
    roles, themes = list(page.roles.all()), list(page.themes.all())
    return DocumentFields(
        summary=page.summary,
        body=plain_text([page.learning_goals, page.body]),
        roles=[term.slug for term in roles],
        themes=[term.slug for term in themes],
        provider=page.provider.short_name or page.provider.name,
        keywords=[term.label for term in roles + themes]
        + [page.provider.name, page.get_course_format_display()],
    )


def lesson_fields(page: LessonPage) -> DocumentFields:
    teaching = []
    for item in page.body.raw_data:
        if item["type"] == "heading_block":
            teaching.append(item["value"].get("heading_text", ""))
        elif item["type"] == "callout_block":
            teaching.append([item["value"].get("title", ""), item["value"].get("text", "")])
        elif item["type"] in TEACHING_BLOCKS:
            teaching.append(item["value"])
    return DocumentFields(
        summary=page.summary,
        body=plain_text(teaching),
        keywords=[page.module_title] if page.module_title else [],
    )


search_source_register(
    SearchSource(
        model=CoursePage, type_key="cursus", type_label=_("Cursus"), build=course_fields, order=30
    )
)
search_source_register(
    SearchSource(
        model=LessonPage, type_key="les", type_label=_("Les"), build=lesson_fields, order=40
    )
)
