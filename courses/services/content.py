"""Writes for course content: the catalogue page and importing courses from the exchange format."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from core.exchange import exchange_file_read
from core.models import Role, Theme
from core.publishing import page_create, page_publish
from home.models import HomePage
from kennisbank.models import BestPracticePage, SignalGuidePage

from ..importing import FORMAT_VERSION, CourseImportError, CourseValidator
from ..models import CourseIndexPage, CoursePage, LessonPage, Provider

CATALOGUE = {
    "title": "Cursussen",
    "slug": "cursussen",
    "intro": "Online trainingen in uw eigen tempo: signaleren, samenwerken en het gesprek voeren. "
    "U ziet uw voortgang, maakt kennisvragen en casussen, en krijgt een certificaat.",
}


@dataclass
class CourseImportReport:
    providers: int = 0
    created: int = 0
    updated: int = 0
    lessons: int = 0
    dry_run: bool = False

    def __str__(self) -> str:
        prefix = "controle geslaagd (niets geschreven): " if self.dry_run else ""
        return (
            f"{prefix}{self.providers} aanbieders, {self.created} cursussen nieuw, "
            f"{self.updated} bijgewerkt, {self.lessons} lessen"
        )


def course_index_page_ensure() -> CourseIndexPage:
    page = CourseIndexPage.objects.first()
    if page is None:
        page = CourseIndexPage(show_in_menus=True, **CATALOGUE)
        page_create(parent=HomePage.objects.get(), page=page)
    return page


def course_import_file(*, path: Path, dry_run: bool = False) -> CourseImportReport:
    data = exchange_file_read(path=path, error=CourseImportError)
    return course_import(data=data, dry_run=dry_run)


def _validate(data) -> tuple[list[dict], list[dict]]:
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise CourseImportError([f"bestand: version: moet {FORMAT_VERSION} zijn"])
    guide_ids = dict(
        SignalGuidePage.objects.exclude(external_key=None).values_list("external_key", "pk")
    )
    validator = CourseValidator(
        terms={
            "roles": set(Role.objects.values_list("slug", flat=True)),
            "themes": set(Theme.objects.values_list("slug", flat=True)),
        },
        guides=set(guide_ids),
        practices=set(
            BestPracticePage.objects.exclude(external_key=None).values_list(
                "external_key", flat=True
            )
        ),
        providers=set(Provider.objects.values_list("key", flat=True)),
    )
    providers = [validator.provider(r, i) for i, r in enumerate(data.get("providers") or [])]
    courses = [validator.course(r, i, guide_ids) for i, r in enumerate(data.get("courses") or [])]
    if not courses:
        validator.error("bestand", "courses", "ontbreekt of is leeg")
    seen: set[str] = set()
    for course in courses:
        for key in [course.get("key")] + [lesson["key"] for lesson in course.get("lessons", [])]:
            if key in seen:
                validator.error(key, "key", "komt vaker voor in het bestand")
            seen.add(key)
    if validator.errors:
        raise CourseImportError(validator.errors)
    return providers, courses


LESSON_FIELDS = ("title", "module_title", "summary", "duration_minutes", "body")
COURSE_FIELDS = (
    "title",
    "certificate_title",
    "course_format",
    "summary",
    "learning_goals",
    "body",
    "duration_minutes",
    "accreditation_register",
    "certificate_validity_months",
    "pass_mark",
    "renewal",
    "pre_test_mode",
    "pre_test",
    "final_test",
)


@transaction.atomic
def course_import(*, data, dry_run: bool = False) -> CourseImportReport:
    """Create or update providers, courses and lessons by key, and publish them.

    Nothing is written when any record is invalid; ``dry_run`` validates only.
    """
    providers, courses = _validate(data)
    report = CourseImportReport(dry_run=dry_run, providers=len(providers))
    report.lessons = sum(len(c["lessons"]) for c in courses)
    if dry_run:
        report.created = sum(
            1 for c in courses if not CoursePage.objects.filter(external_key=c["key"]).exists()
        )
        report.updated = len(courses) - report.created
        return report
    for record in providers:
        Provider.objects.update_or_create(
            key=record["key"], defaults={k: v for k, v in record.items() if k != "key"}
        )
    provider_by_key = {p.key: p for p in Provider.objects.all()}
    roles = {t.slug: t for t in Role.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    guides = {p.external_key: p for p in SignalGuidePage.objects.exclude(external_key=None)}
    practices = {p.external_key: p for p in BestPracticePage.objects.exclude(external_key=None)}
    index = course_index_page_ensure()
    for record in courses:
        page = CoursePage.objects.filter(external_key=record["key"]).first()
        is_new = page is None
        if is_new:
            page = CoursePage(external_key=record["key"], slug=record["key"])
        for name in COURSE_FIELDS:
            setattr(page, name, record[name])
        points = record["accreditation_points"]
        page.accreditation_points = None if points is None else Decimal(str(points))
        page.provider = provider_by_key[record["provider"]]
        page.roles = [roles[s] for s in record["roles"]]
        page.themes = [themes[s] for s in record["themes"]]
        page.related_guides = [guides[k] for k in record["related_guides"]]
        page.related_practices = [practices[k] for k in record["related_practices"]]
        if is_new:
            index.add_child(instance=page)
            report.created += 1
        else:
            report.updated += 1
        page_publish(page=page)
        for lesson_record in record["lessons"]:
            lesson = LessonPage.objects.filter(external_key=lesson_record["key"]).first()
            if lesson is None:
                lesson = LessonPage(external_key=lesson_record["key"], slug=lesson_record["key"])
                for name in LESSON_FIELDS:
                    setattr(lesson, name, lesson_record[name])
                page.add_child(instance=lesson)
            else:
                for name in LESSON_FIELDS:
                    setattr(lesson, name, lesson_record[name])
            page_publish(page=lesson)
    return report
