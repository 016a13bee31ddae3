"""core.related: apps above contribute related content to pages below without imports upward."""

from core import related
from core.related import related_content_for, related_content_register


def test_every_registered_finder_answers_for_the_page(monkeypatch):
    monkeypatch.setattr(related, "_FINDERS", {})
    related_content_register(key="courses", find=lambda *, page: [f"cursus bij {page}"])
    related_content_register(key="events", find=lambda *, page: iter(()))
    assert related_content_for(page="gids") == {"courses": ["cursus bij gids"], "events": []}


def test_the_courses_app_registers_its_courses_at_start_up():
    from courses.selectors import courses_for_kennisbank_page

    assert related._FINDERS["courses"] is courses_for_kennisbank_page
