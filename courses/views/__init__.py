"""The courses' pages: ``learning`` (lessons, tests, certificates, the learner's overview),
``cohorts`` (the learner's side of a cohort) and ``trainer`` (the trainer's pages)."""

from django.views.decorators.cache import cache_control

# Every page here shows one person's learning: never in a browser's or proxy's cache.
private = cache_control(no_store=True, private=True)
