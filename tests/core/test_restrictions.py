"""core.restrictions: pages_public hides restricted sections like Wagtail's .public(), reading
the restrictions once per request and afresh outside one."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.restrictions import RequestRestrictionsMiddleware, pages_public
from home.models import StatementPage

pytestmark = pytest.mark.django_db


def _statement(parent, slug):
    page = StatementPage(title=slug, slug=slug, body=[])
    parent.add_child(instance=page)
    return page


def test_it_hides_what_wagtail_hides(homepage):
    open_page = _statement(homepage, "open")
    closed = _statement(homepage, "besloten")
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    ours = set(pages_public(Page.objects.live()).values_list("pk", flat=True))
    assert ours == set(Page.objects.live().public().values_list("pk", flat=True))
    assert open_page.pk in ours and closed.pk not in ours


def test_inside_a_request_the_restrictions_are_read_once(homepage):
    _statement(homepage, "een")

    def view(request):
        with CaptureQueriesContext(connection) as queries:
            for _ in range(4):
                list(pages_public(Page.objects.live()))
        reads = [q for q in queries if "pageviewrestriction" in q["sql"]]
        return len(reads)

    assert RequestRestrictionsMiddleware(view)(RequestFactory().get("/")) == 1


def test_outside_a_request_a_new_restriction_counts_at_once(homepage):
    page = _statement(homepage, "later-besloten")
    assert pages_public(Page.objects.filter(pk=page.pk)).exists()
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert not pages_public(Page.objects.filter(pk=page.pk)).exists()


def test_a_restriction_made_within_a_request_counts_for_the_rest_of_it(homepage):
    page = _statement(homepage, "straks-besloten")

    def view(request):
        before = pages_public(Page.objects.filter(pk=page.pk)).exists()
        PageViewRestriction.objects.create(page=page, restriction_type="login")
        return before, pages_public(Page.objects.filter(pk=page.pk)).exists()

    assert RequestRestrictionsMiddleware(view)(RequestFactory().get("/")) == (True, False)
