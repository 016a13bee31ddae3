"""Regression tests for problems found in review: each fails if its fix is undone."""

import json

import pytest
from django.core import mail
from django.core.management import call_command

from kennisbank.importing import KennisbankImportError
from kennisbank.models import BestPracticePage, PracticeSubmission
from kennisbank.selectors import kennisbank_related
from kennisbank.services import (
    kennisbank_export,
    kennisbank_import,
    practice_submission_outcome_record,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _practice(key, **extra):
    record = {
        "key": key, "title": f"Praktijk {key}", "summary": "Kort.", "organisation": "Stichting",
        "evidence_level": "goed-beschreven", "roles": ["docent"], "domains": ["onderwijs"],
        "phases": ["preventie"], "themes": [],
    }  # fmt: skip
    record.update(extra)
    return record


def _import(*practices, **kwargs):
    return kennisbank_import(
        data={"version": 1, "guides": [], "practices": list(practices)}, **kwargs
    )


def test_export_leaves_drafts_and_submissions_out(homepage):
    _import(_practice("live-een"))
    _import(_practice("concept-een"), publish=False)
    keys = [record["key"] for record in kennisbank_export()["practices"]]
    assert keys == ["live-een"]


def test_import_never_takes_over_a_professionals_submission(homepage):
    _import(_practice("bestaand"))
    page = BestPracticePage.objects.get()
    page.external_key = None
    page.slug = "ingezonden"
    page.save()
    PracticeSubmission.objects.create(page=page, submitter=UserFactory())
    with pytest.raises(KennisbankImportError, match="ingezonden: key"):
        _import(_practice("ingezonden", title="Overgenomen"))
    page.refresh_from_db()
    assert page.title == "Praktijk bestaand"


def test_related_score_counts_roles_when_the_page_has_no_themes(homepage):
    _import(
        _practice("bron", roles=["docent", "wijkagent"]),
        _practice("a-een-rol", roles=["docent"]),
        _practice("z-twee-rollen", roles=["docent", "wijkagent"]),
    )
    source = BestPracticePage.objects.get(external_key="bron")
    related = [page.external_key for page in kennisbank_related(page=source)["practices"]]
    assert related == ["z-twee-rollen", "a-een-rol"]


def test_import_refuses_values_longer_than_the_blocks_allow(homepage):
    record = _practice(
        "te-lang", effective_elements=["x" * 301], sources=[{"title": "t" * 251, "url": ""}]
    )
    with pytest.raises(KennisbankImportError) as excinfo:
        _import(record)
    message = str(excinfo.value)
    assert "effective_elements[0]" in message and "sources[0].title" in message
    assert not BestPracticePage.objects.exists()


def test_outcome_mail_is_plain_text_and_names_the_editors(
    homepage, django_capture_on_commit_callbacks, settings
):
    settings.EDITORIAL_EMAIL = "redactie@voorbeeld.test"
    _import(_practice("ouders", title="Ouders & school"), publish=False)
    page = BestPracticePage.objects.get()
    user = UserFactory()
    PracticeSubmission.objects.create(page=page, submitter=user)
    with django_capture_on_commit_callbacks(execute=True):
        practice_submission_outcome_record(page_id=page.pk, outcome="rejected")
    message = mail.outbox[-1]
    assert '"Ouders & school"' in message.body
    assert message.reply_to == ["redactie@voorbeeld.test"]


def test_outcome_mail_failure_does_not_break_publishing(
    homepage, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.kennisbank.test_services_regressions.BrokenBackend"
    _import(_practice("stuk"), publish=False)
    page = BestPracticePage.objects.get()
    PracticeSubmission.objects.create(page=page, submitter=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    assert BestPracticePage.objects.get().live


def test_only_if_empty_keeps_existing_content(homepage, tmp_path):
    _import(_practice("eerst"))
    path = tmp_path / "k.json"
    path.write_text(json.dumps({"version": 1, "guides": [], "practices": [_practice("later")]}))
    call_command("import_kennisbank", str(path), only_if_empty=True)
    assert list(BestPracticePage.objects.values_list("external_key", flat=True)) == ["eerst"]


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")


def test_imported_pages_open_in_the_admin_editor(homepage, admin_client):
    _import(_practice("in-beheer", title="Bewerkbaar"))
    page = BestPracticePage.objects.get()
    response = admin_client.get(f"/beheer/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "Bewerkbaar" in response.content.decode()
    _import(_practice("in-beheer", title="Bijgewerkt"))
    response = admin_client.get(f"/beheer/pages/{page.pk}/edit/")
    assert "Bijgewerkt" in response.content.decode()


def test_pagination_elides_far_pages():
    from django.core.paginator import Paginator

    from kennisbank.selectors import Listing

    paginator = Paginator(list(range(1000)), 12)
    listing = Listing(
        page=paginator.page(40), paginator=paginator, facets=[], sort="titel", sorts=[],
        active=[], querystring="",
    )  # fmt: skip
    assert listing.page_numbers == [1, None, 38, 39, 40, 41, 42, None, 84]
