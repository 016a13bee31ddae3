"""The site's URLs plus one view that raises an ApplicationError, for the error page test."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from courses.services import NotEnrolled


def _raises(request):
    raise NotEnrolled("U bent niet ingeschreven voor deze cursus.")


urlpatterns = [path("test-fout/", _raises), *site_urlpatterns]
