"""What courses add to other apps' pages: a guide or practice lists the live courses that point
to it (``core.related``)."""

from core.related import related_content_register

from .selectors import courses_for_kennisbank_page

related_content_register(key="courses", find=courses_for_kennisbank_page)
