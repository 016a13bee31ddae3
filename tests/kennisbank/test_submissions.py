"""Professionals share a practice: sanitised, drafted into moderation, status and e-mail."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from kennisbank.models import BestPracticePage, PracticeSubmission

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Buurtgesprekken na een incident",
    "summary": "Na spanningen in de wijk organiseren wij gesprekken met bewoners.",
    "description": "<p>Wij brengen bewoners, jongerenwerk en wijkagent samen om te praten over wat er gebeurde. <script>alert(1)</script><a href='javascript:alert(1)'>x</a></p>",
    "aim": "Spanningen verminderen.",
    "target_group": "Bewoners van de wijk.",
    "approach": "<p>Drie bijeenkomsten <img src=x onerror=alert(1)>.</p>",
    "effective_elements": "Neutrale gespreksleider\nVaste plek",
    "conditions": "Tijd van de wijkagent",
    "evaluation": "",
    "sources": "Verslag 2023 https://www.voorbeeld.nl/verslag\nJaarplan",
    "evidence_level": "goed-beschreven",
    "evidence_justification": "",
    "organisation": "Stichting Buurtwerk",
    "region": "Utrecht",
    "contact": "info@buurtwerk.example",
    "start_year": "2021",
    "roles": ["jongerenwerker", "wijkagent"],
    "domains": ["welzijn", "veiligheid"],
    "phases": ["preventie"],
    "themes": ["polarisatie"],
    "no_personal_data": "on",
    "website": "",
}


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/deel-uw-praktijk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_submission_becomes_sanitised_draft_in_moderation(client, user):
    client.force_login(user)
    response = client.post("/deel-uw-praktijk/", VALID)
    assert response.status_code == 302 and response["Location"] == "/mijn-inzendingen/"
    page = BestPracticePage.objects.get(title=VALID["title"])
    assert not page.live
    assert page.owner == user
    revision_page = page.get_latest_revision_as_object()
    assert "<script" not in revision_page.body and "javascript:" not in revision_page.body
    assert "onerror" not in revision_page.approach
    assert [s.value["url"] for s in revision_page.sources] == [
        "https://www.voorbeeld.nl/verslag",
        "",
    ]
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    listing = client.get("/mijn-inzendingen/").content.decode()
    assert VALID["title"] in listing and "Wordt beoordeeld" in listing
    assert "no-store" in client.get("/mijn-inzendingen/")["Cache-Control"]


def test_invalid_submission_shows_every_error_and_saves_nothing(client, user):
    client.force_login(user)
    response = client.post("/deel-uw-praktijk/", {"title": "", "website": ""})
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("title", "summary", "description", "organisation", "roles", "no_personal_data"):
        assert f'id="id_{field}_error"' in html, field
    assert not BestPracticePage.objects.exists()
    assert not PracticeSubmission.objects.exists()


def test_honeypot_drops_the_submission(client, user):
    client.force_login(user)
    response = client.post("/deel-uw-praktijk/", {**VALID, "website": "https://spam.example"})
    assert response.status_code == 302
    assert not BestPracticePage.objects.exists()


def test_rate_limit_per_user(client, user):
    client.force_login(user)
    for n in range(3):
        assert (
            client.post("/deel-uw-praktijk/", {**VALID, "title": f"Aanpak {n}"}).status_code == 302
        )
    response = client.post("/deel-uw-praktijk/", {**VALID, "title": "Aanpak 4"})
    assert response.status_code == 429
    assert PracticeSubmission.objects.count() == 3


def test_publishing_notifies_submitter_once(client, user, django_capture_on_commit_callbacks):
    client.force_login(user)
    client.post("/deel-uw-praktijk/", VALID)
    page = BestPracticePage.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
        page.get_latest_revision().publish()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "gepubliceerd" in mail.outbox[0].subject
    assert PracticeSubmission.objects.get().outcome == "published"
    assert "Gepubliceerd" in client.get("/mijn-inzendingen/").content.decode()


def test_rejection_notifies_submitter(client, user, admin_user, django_capture_on_commit_callbacks):
    client.force_login(user)
    client.post("/deel-uw-praktijk/", VALID)
    page = BestPracticePage.objects.get()
    mail.outbox.clear()
    state = WorkflowState.objects.get(object_id=str(page.pk))
    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, admin_user, "reject")
    assert len(mail.outbox) == 1 and "niet geplaatst" in mail.outbox[0].subject
    assert "Niet geplaatst" in client.get("/mijn-inzendingen/").content.decode()


def test_learners_see_only_their_own_submissions(client, user):
    from tests.factories import UserFactory

    client.force_login(user)
    client.post("/deel-uw-praktijk/", VALID)
    client.force_login(UserFactory())
    assert VALID["title"] not in client.get("/mijn-inzendingen/").content.decode()


def test_submitted_rich_text_is_what_the_page_editor_writes_back(client, user):
    """The moderator approves from the page editor, which saves a new revision first when its
    rich text widgets write back other HTML than the page holds: approving then logged
    "Gewijzigd" and published a revision nobody approved (issue 16)."""
    client.force_login(user)
    client.post("/deel-uw-praktijk/", {**VALID, "evaluation": "<p>Twee <b>evaluaties</b>.</p>"})
    submitted = BestPracticePage.objects.get().get_latest_revision_as_object()
    for name in ("body", "approach", "evaluation"):
        widget = BestPracticePage._meta.get_field(name).formfield().widget
        stored = getattr(submitted, name)
        written_back = widget.value_from_datadict({name: widget.format_value(stored)}, {}, name)
        assert written_back == stored, name
    assert "data-block-key" in submitted.body, "stored as the editor stores it"
    assert (
        "Drie bijeenkomsten" in submitted.approach and "<b>evaluaties</b>" in submitted.evaluation
    )


def test_approving_a_submission_publishes_the_submitted_revision_last(client, user, admin_user):
    client.force_login(user)
    client.post("/deel-uw-praktijk/", VALID)
    page = BestPracticePage.objects.get()
    submitted = page.get_latest_revision()
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    task_state.task.specific.on_action(task_state, admin_user, "approve")
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.get_latest_revision() == page.live_revision == submitted
    assert page.status_string == "live"
