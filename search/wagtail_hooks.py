"""Admin reports for editors: what visitors search for most, and what found nothing."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .selectors import search_query_top, search_query_zero_results

REPORT_SIZE = 200


class _QueryReport(ReportView):
    header_icon = "search"
    paginate_by = 50
    list_export = ["query", "count", "zero_result_count", "first_searched", "last_searched"]
    export_headings = {
        "query": _("Zoekopdracht"),
        "count": _("Aantal keer gezocht"),
        "zero_result_count": _("Zonder resultaat"),
        "first_searched": _("Eerst gezocht"),
        "last_searched": _("Laatst gezocht"),
    }
    columns = [
        Column("query", label=_("Zoekopdracht")),
        Column("count", label=_("Aantal keer gezocht")),
        Column("zero_result_count", label=_("Zonder resultaat")),
        DateColumn("first_searched", label=_("Eerst gezocht")),
        DateColumn("last_searched", label=_("Laatst gezocht")),
    ]


class TopQueriesReport(_QueryReport):
    page_title = _("Meest gezocht")
    index_url_name = "search_report_top"
    index_results_url_name = "search_report_top_results"

    def get_queryset(self):
        return search_query_top(limit=REPORT_SIZE)

    def get_filename(self):
        return "zoekopdrachten-meest-gezocht"


class ZeroResultQueriesReport(_QueryReport):
    page_title = _("Gezocht zonder resultaat")
    index_url_name = "search_report_zero"
    index_results_url_name = "search_report_zero_results"

    def get_queryset(self):
        return search_query_zero_results(limit=REPORT_SIZE)

    def get_filename(self):
        return "zoekopdrachten-zonder-resultaat"


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("rapporten/zoeken/", TopQueriesReport.as_view(), name="search_report_top"),
        path(
            "rapporten/zoeken/resultaten/",
            TopQueriesReport.as_view(results_only=True),
            name="search_report_top_results",
        ),
        path(
            "rapporten/zoeken-zonder-resultaat/",
            ZeroResultQueriesReport.as_view(),
            name="search_report_zero",
        ),
        path(
            "rapporten/zoeken-zonder-resultaat/resultaten/",
            ZeroResultQueriesReport.as_view(results_only=True),
            name="search_report_zero_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_top_queries_menu_item():
    return MenuItem(_("Meest gezocht"), reverse("search_report_top"), icon_name="search", order=900)


@hooks.register("register_reports_menu_item")
def register_zero_queries_menu_item():
    return MenuItem(
        _("Gezocht zonder resultaat"), reverse("search_report_zero"), icon_name="search", order=901
    )
