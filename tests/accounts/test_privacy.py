"""The personal-data registry: complete coverage, export and erasure all or nothing."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from accounts import privacy
from accounts.models import AuditEvent, Profile
from accounts.services import account_erase, personal_data_export, profile_update
from core.models import Role
from kennisbank.models import BestPracticePage, PracticeSubmission
from kennisbank.services import kennisbank_index_pages_ensure
from tests.factories import UserFactory, totp_code
from tests.kennisbank.test_submissions import VALID

pytestmark = pytest.mark.django_db


def test_every_model_linked_to_the_user_is_registered():
    """Fails when an app adds a model with a foreign key or one-to-one link to the user and
    does not declare it in its ``privacy.py``: export and erasure would silently miss it."""
    assert privacy.unregistered_models() == []


def test_the_coverage_check_notices_a_missing_declaration(monkeypatch):
    registry = dict(privacy._registry)
    registry.pop("kennisbank.practice_submissions")
    monkeypatch.setattr(privacy, "_registry", registry)
    assert privacy.unregistered_models() == ["kennisbank.PracticeSubmission"]


def test_a_model_without_a_user_link_cannot_be_registered():
    with pytest.raises(ValueError):
        privacy.register(Role)


@pytest.fixture
def learner(homepage):
    """A learner with a profile, a second session, MFA, one pending and one published practice."""
    kennisbank_index_pages_ensure()
    user = UserFactory(username="leerling", totp=True)
    profile_update(
        user=user,
        display_name="Sam",
        organisation="ROC Midden",
        region="utrecht",
        role=Role.objects.get(slug="docent"),
        language="nl",
    )
    client = Client(HTTP_USER_AGENT="Telefoon")
    client.post("/account/login/", {"login": user.email, "password": "een-veilig-wachtwoord-123"})
    client.post("/account/2fa/authenticate/", {"code": totp_code(user.totp_secret)})
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post("/deel-uw-praktijk/", VALID)
    client.post("/deel-uw-praktijk/", {**VALID, "title": "Gepubliceerde aanpak"})
    BestPracticePage.objects.get(title="Gepubliceerde aanpak").save_revision().publish()
    return user


def test_export_holds_every_section_as_plain_json(learner):
    data = personal_data_export(user=learner)
    assert json.loads(json.dumps(data)) == data
    assert set(data["sections"]) == {p.name for p in privacy.providers()}
    account = data["sections"]["account"]
    assert account["email"] == learner.email
    assert account["profile"] == {
        "display_name": "Sam",
        "organisation": "ROC Midden",
        "region": "utrecht",
        "role": "docent",
        "language": "nl",
    }
    titles = [
        s["title"] for s in data["sections"]["kennisbank.practice_submissions"]["submissions"]
    ]
    assert sorted(titles) == sorted([VALID["title"], "Gepubliceerde aanpak"])
    assert data["sections"]["usersessions"]["sessions"][0]["user_agent"] == "Telefoon"


def test_export_never_contains_mfa_secrets(learner):
    dumped = json.dumps(personal_data_export(user=learner))
    authenticator = Authenticator.objects.get(user=learner, type=Authenticator.Type.TOTP)
    assert authenticator.data["secret"] not in dumped
    assert learner.totp_secret not in dumped
    assert "totp" in dumped  # the type and dates are there


def test_erasure_removes_the_person_and_keeps_published_content_unlinked(learner):
    user_id = learner.pk
    pending = BestPracticePage.objects.get(title=VALID["title"])
    published = BestPracticePage.objects.get(title="Gepubliceerde aanpak")
    sessions_before = Session.objects.count()
    assert sessions_before >= 1

    account_erase(user=learner)

    assert not get_user_model().objects.filter(pk=user_id).exists()
    for model in (Profile, EmailAddress, Authenticator, UserSession):
        assert not model.objects.filter(user_id=user_id).exists(), model
    assert not PracticeSubmission.objects.filter(submitter_id=user_id).exists()
    assert Session.objects.count() == sessions_before - 1
    assert not BestPracticePage.objects.filter(pk=pending.pk).exists()
    published.refresh_from_db()
    assert published.live and published.owner_id is None
    assert not published.revisions.filter(user_id=user_id).exists()
    event = AuditEvent.objects.get(action="account.erased")
    assert (event.actor_id, event.target_id) == (user_id, str(user_id))


def test_erasure_is_all_or_nothing(learner, monkeypatch):
    def broken(user):
        raise RuntimeError("eraser failed")

    registry = dict(privacy._registry)
    registry["zz.broken"] = privacy.PersonalDataProvider(
        name="zz.broken", description="", models=(), export=lambda u: {}, erase=broken
    )
    monkeypatch.setattr(privacy, "_registry", registry)
    with pytest.raises(RuntimeError):
        account_erase(user=learner)
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    assert Profile.objects.filter(user=learner).exists()
    assert PracticeSubmission.objects.filter(submitter=learner).count() == 2


def test_deleting_a_user_in_the_admin_runs_the_erasers(learner, admin_client):
    pending = BestPracticePage.objects.get(title=VALID["title"])
    response = admin_client.post(f"/beheer/users/delete/{learner.pk}/")
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    # A cascade would only have removed the submission row; the eraser removed the draft.
    assert not BestPracticePage.objects.filter(pk=pending.pk).exists()
