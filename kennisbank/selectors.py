"""Reads for the kennisbank: filtered listings with facet counts, related content, lookups.

Filters come from the URL (``?rol=docent&rol=wijkagent&thema=polarisatie``): values within one
facet are combined with OR, facets with AND. Each facet's counts apply every *other* active
facet, and in a facet with ticked options an unticked option counts the pages ticking it
would add to them, so a count says how many results choosing that option would give.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, F, Q, Value
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.models import Domain, EvidenceLevel, Phase, Role, TaxonomyTerm, Theme
from core.related import related_content_for
from core.restrictions import pages_public

from .models import BestPracticePage, EvidenceLadderPage, SignalGuidePage

PER_PAGE = 12


@dataclass(frozen=True)
class Facet:
    param: str  # URL parameter
    lookup: str  # model field holding the term(s)
    model: type
    legend: str


@dataclass
class FacetOption:
    slug: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    facet: Facet
    options: list[FacetOption] = field(default_factory=list)

    @property
    def any_selected(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass
class Listing:
    page: object  # django.core.paginator.Page
    paginator: Paginator
    facets: list[FacetResult]
    sort: str
    sorts: list[tuple[str, str]]
    active: list[tuple[str, str, str]]  # (param, slug, label) of the active filters
    querystring: str  # the filter and sort part of the URL, without the page number

    @property
    def count(self) -> int:
        return self.paginator.count

    @property
    def canonical_query(self) -> QueryDict:
        """The query string that shows exactly this listing: valid filters, a sort other than
        the default, a page number other than 1. The page cache stores nothing else."""
        query = QueryDict(self.querystring, mutable=True)
        if self.page.number != 1:
            query["pagina"] = str(self.page.number)
        return query

    @property
    def page_numbers(self) -> list[int | None]:
        """First, last and two either side of the current page; None marks a gap."""
        numbers = list(
            self.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)
        )
        return [n if isinstance(n, int) else None for n in numbers]


GUIDE_FACETS = [
    Facet("rol", "roles", Role, _("Voor wie")),
    Facet("thema", "themes", Theme, _("Thema")),
]
PRACTICE_FACETS = [
    Facet("rol", "roles", Role, _("Voor wie")),
    Facet("domein", "domains", Domain, _("Domein")),
    Facet("fase", "phases", Phase, _("Fase")),
    Facet("thema", "themes", Theme, _("Thema")),
    Facet("bewijs", "evidence_level", EvidenceLevel, _("Niveau van bewijs")),
]
GUIDE_SORTS = {
    "titel": (_("Titel (A-Z)"), ["title", "pk"]),
    "nieuw": (_("Nieuwste eerst"), ["-first_published_at", "pk"]),
}
PRACTICE_SORTS = {
    "bewijs": (_("Sterkste bewijs eerst"), ["-evidence_level__sort_order", "title", "pk"]),
    "recent": (_("Recent beoordeeld"), [F("last_reviewed").desc(nulls_last=True), "title", "pk"]),
    "titel": (_("Titel (A-Z)"), ["title", "pk"]),
}


def _selected(params: QueryDict, facets: list[Facet], terms: dict[str, dict[str, str]]):
    """The valid slugs chosen per facet; unknown slugs are ignored rather than failing."""
    return {
        facet.param: [
            slug
            for slug in dict.fromkeys(params.getlist(facet.param))
            if slug in terms[facet.param]
        ]
        for facet in facets
    }


def _apply(queryset, facets: list[Facet], selected: dict[str, list[str]], skip: str | None = None):
    for facet in facets:
        slugs = selected[facet.param]
        if slugs and facet.param != skip:
            queryset = queryset.filter(**{f"{facet.lookup}__slug__in": slugs})
    return queryset


def _term_counts(queryset, facet: Facet) -> dict[str, int]:
    """Pages of ``queryset`` per term of ``facet``."""
    # order_by() clears Page's default ordering by path, which would split the groups.
    return dict(
        queryset.order_by()
        .values_list(f"{facet.lookup}__slug")
        .annotate(n=Count("pk", distinct=True))
        .values_list(f"{facet.lookup}__slug", "n")
    )


def _listing(
    *, base, facets, sorts, default_sort, params: QueryDict, select_related=(), prefetch=()
):
    terms = {
        facet.param: dict(facet.model.objects.values_list("slug", "label")) for facet in facets
    }
    selected = _selected(params, facets, terms)

    facet_results = []
    for facet in facets:
        scoped = _apply(base, facets, selected, skip=facet.param)
        own = selected[facet.param]
        counts = _term_counts(scoped, facet)
        if own:
            # Options of one facet combine with OR: ticking one more adds the pages that have
            # it but none of the ticked ones. Counting only the pages that have it (as before)
            # said "Jongerenwerker (4)" where ticking it gave 5.
            chosen = scoped.filter(**{f"{facet.lookup}__slug__in": own})
            chosen_count = chosen.order_by().values("pk").distinct().count()
            extra = _term_counts(scoped.exclude(pk__in=chosen.values("pk")), facet)
            counts = {
                slug: counts.get(slug, 0) if slug in own else chosen_count + extra.get(slug, 0)
                for slug in terms[facet.param]
            }
        facet_results.append(
            FacetResult(
                facet=facet,
                options=[
                    FacetOption(slug, label, counts.get(slug, 0), slug in own)
                    for slug, label in terms[facet.param].items()
                ],
            )
        )

    sort = params.get("sorteer", default_sort)
    if sort not in sorts:
        sort = default_sort
    results = _apply(base, facets, selected).distinct().order_by(*sorts[sort][1])
    results = results.select_related(*select_related).prefetch_related(*prefetch)

    paginator = Paginator(results, PER_PAGE)
    try:
        page = paginator.page(params.get("pagina", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)

    query = QueryDict(mutable=True)
    for facet in facets:
        query.setlist(facet.param, selected[facet.param])
    if sort != default_sort:
        query["sorteer"] = sort
    active = [
        (facet.param, slug, terms[facet.param][slug])
        for facet in facets
        for slug in selected[facet.param]
    ]
    return Listing(
        page=page,
        paginator=paginator,
        facets=facet_results,
        sort=sort,
        sorts=[(key, label) for key, (label, _ordering) in sorts.items()],
        active=active,
        querystring=query.urlencode(),
    )


def guide_filter(*, index: Page, params: QueryDict) -> Listing:
    base = pages_public(SignalGuidePage.objects.live()).child_of(index)
    return _listing(
        base=base, facets=GUIDE_FACETS, sorts=GUIDE_SORTS, default_sort="titel", params=params,
        prefetch=("roles", "themes"),
    )  # fmt: skip


def practice_filter(*, index: Page, params: QueryDict) -> Listing:
    base = pages_public(BestPracticePage.objects.live()).child_of(index)
    return _listing(
        base=base, facets=PRACTICE_FACETS, sorts=PRACTICE_SORTS, default_sort="bewijs",
        params=params, select_related=("evidence_level",), prefetch=("roles", "themes", "domains"),
    )  # fmt: skip


def kennisbank_related(
    *, page: SignalGuidePage | BestPracticePage, limit: int = 4
) -> dict[str, list]:
    """Guides and practices that share a role or theme with ``page``, most overlap first."""
    # Iterated, not values_list("pk"): a preview or draft page holds its terms in
    # modelcluster's in-memory queryset, which knows no "pk" lookup (a 500 in the admin).
    role_ids = [term.pk for term in page.roles.all()]
    theme_ids = [term.pk for term in page.themes.all()]
    if not role_ids and not theme_ids:
        return {"guides": [], "practices": [], **related_content_for(page=page)}
    related = {}
    for key, model in (("guides", SignalGuidePage), ("practices", BestPracticePage)):
        overlap = Q(roles__in=role_ids) | Q(themes__in=theme_ids)
        # An empty id list would compile the whole score to a constant 0: count only what exists.
        score = Value(0)
        if role_ids:
            score = score + Count("roles", filter=Q(roles__in=role_ids), distinct=True)
        if theme_ids:
            score = score + Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
        queryset = (
            pages_public(model.objects.live())
            .exclude(pk=page.pk)
            .filter(overlap)
            .annotate(score=score)
            .order_by("-score", "title")
        )
        if model is BestPracticePage:
            queryset = queryset.select_related("evidence_level")
        related[key] = list(queryset[:limit])
    # What the apps above contribute (the courses pointing here) comes through core's registry.
    related.update(related_content_for(page=page))
    return related


def taxonomy_term_page_ids(*, term: TaxonomyTerm) -> list[int]:
    """The live pages that carry ``term``, whichever app they belong to.

    Found through the term model's reverse relations, so course pages (and any later page type
    that links a term) count without the kennisbank knowing them. Drafts are in no index.
    """
    page_ids: set[int] = set()
    for relation in type(term)._meta.related_objects:
        model = relation.related_model
        if not (isinstance(model, type) and issubclass(model, Page)):
            continue
        pages = model.objects.live().filter(**{relation.field.name: term})
        page_ids.update(pages.values_list("pk", flat=True))
    return sorted(page_ids)


def evidence_ladder_page() -> EvidenceLadderPage | None:
    return EvidenceLadderPage.objects.live().first()


@dataclass
class SubmissionStatus:
    title: str
    created_at: object
    status: str
    url: str | None


def practice_submission_list(*, user) -> list[SubmissionStatus]:
    """The user's own shared practices with a status they can understand."""
    from .models import PracticeSubmission

    submissions = PracticeSubmission.objects.filter(submitter=user).select_related("page")
    statuses = []
    for submission in submissions:
        page = submission.page
        if page.live:
            status, url = _("Gepubliceerd"), page.url
        elif submission.outcome == PracticeSubmission.Outcome.PUBLISHED:
            status, url = _("Gepubliceerd geweest, nu offline gehaald"), None
        elif submission.outcome == PracticeSubmission.Outcome.REJECTED:
            status, url = _("Niet geplaatst"), None
        else:
            status, url = _("Wordt beoordeeld door de redactie"), None
        statuses.append(SubmissionStatus(page.title, submission.created_at, status, url))
    return statuses


def kennisbank_has_content() -> bool:
    return SignalGuidePage.objects.exists() or BestPracticePage.objects.exists()
