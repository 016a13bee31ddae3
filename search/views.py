"""The site search page.

The foundation searches live, public pages with Wagtail's database backend; the search issue
replaces the query with the two-backend interface without changing this page's contract.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from .selectors import page_search

RESULTS_PER_PAGE = 10


def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    results = page_search(query=query) if query else []
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("pagina", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "results": page, "paginator": paginator},
    )
