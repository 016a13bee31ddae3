"""The reauthentication helpers later export and deletion views use."""

import pytest
from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View

from accounts.decorators import ReauthenticationRequiredMixin, reauthentication_required
from tests.factories import authentication_age, sign_in

pytestmark = pytest.mark.django_db


class ExportView(LoginRequiredMixin, ReauthenticationRequiredMixin, View):
    def get(self, request):
        return HttpResponse("export")


@reauthentication_required
def export_view(request):
    return HttpResponse("export")


def _request(user):
    request = RequestFactory().get("/trainer/export/")
    request.user = user
    request.session = SessionStore()
    return request


@pytest.mark.parametrize("view", [ExportView.as_view(), export_view])
def test_without_a_recent_password_check_the_view_does_not_run(view, user):
    with pytest.raises(ReauthenticationRequired):
        view(_request(user))


def test_through_the_middleware_the_user_is_sent_to_reauthenticate(client, user):
    sign_in(client, user)
    authentication_age(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
    response = client.get("/account/mijn-gegevens/download/")
    assert (
        response["Location"]
        == "/account/reauthenticate/?next=%2Faccount%2Fmijn-gegevens%2Fdownload%2F"
    )
