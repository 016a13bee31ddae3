"""Import and export of guides and practices: idempotent by key, all or nothing, sanitised."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from kennisbank.importing import KennisbankImportError
from kennisbank.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    EvidenceLadderPage,
    SignalGuideIndexPage,
    SignalGuidePage,
)
from kennisbank.services import kennisbank_import, kennisbank_import_file
from tests.kennisbank.factories import SignalGuidePageFactory

pytestmark = pytest.mark.django_db


def guide_record(key: str = "gids-klas", **changes) -> dict:
    """A valid guide in the exchange format, exactly as the export writes it."""
    record = {
        "key": key,
        "title": f"Handreiking {key}",
        "summary": "Voor docenten in het voortgezet onderwijs.",
        "roles": ["docent"],
        "themes": ["polarisatie"],
        "signals": [
            {
                "category": "Gedrag",
                "label": "Terugtrekken",
                "description": "Zoekt alleen nog contact met een nieuwe groep.",
                "example": "",
                "caution": "Kan ook rouw of pesten zijn.",
            }
        ],
        "steps": ["Observeer en noteer", {"title": "Overleg", "text": "Met het zorgteam."}],
        "contacts": [{"who": "Zorgcoördinator", "when": "Bij zorgen.", "how": "Intern"}],
        "legal": "<p>De <strong>meldcode</strong> geldt.</p>",
        "body": "<p>Achtergrond.</p>",
    }
    record.update(changes)
    return record


def practice_record(key: str = "praktijk-buurt", **changes) -> dict:
    """A valid practice in the exchange format, exactly as the export writes it."""
    record = {
        "key": key,
        "title": f"Praktijk {key}",
        "summary": "Gesprekken met bewoners na een incident.",
        "body": "<p>Beschrijving.</p>",
        "aim": "Spanningen verminderen.",
        "target_group": "Bewoners.",
        "approach": "<p>Drie bijeenkomsten.</p>",
        "effective_elements": ["Neutrale gespreksleider", "Vaste plek"],
        "conditions": ["Tijd van de wijkagent"],
        "evaluation": "<p>Bewoners voelden zich gehoord.</p>",
        "sources": [
            {"title": "Verslag 2023", "url": "https://example.org/verslag"},
            {"title": "Jaarplan", "url": ""},
        ],
        "evidence_level": "goed-beschreven",
        "evidence_justification": "Beschreven door de werkgroep.",
        "organisation": "Stichting Buurtwerk",
        "region": "Utrecht",
        "contact": "info@buurtwerk.example",
        "year": 2019,
        "last_reviewed": "2024-05-01",
        "roles": ["jongerenwerker", "wijkagent"],  # taxonomy order, as the export writes
        "domains": ["welzijn"],
        "phases": ["preventie"],
        "themes": ["polarisatie"],
    }
    record.update(changes)
    return record


def import_data(guides=(), practices=()) -> dict:
    return {"version": 1, "guides": list(guides), "practices": list(practices)}


def _write(path, data) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _state() -> tuple:
    """Everything an import could touch: page and revision counts, titles by key."""
    return (
        Page.objects.count(),
        Revision.objects.count(),
        dict(SignalGuidePage.objects.values_list("external_key", "title")),
        dict(BestPracticePage.objects.values_list("external_key", "title")),
    )


# --- Creating and updating ---------------------------------------------------------------------


def test_import_creates_published_pages_under_the_index_pages(client, homepage):
    report = kennisbank_import(data=import_data([guide_record()], [practice_record()]))
    assert (report.created, report.updated) == (2, 0)
    assert str(report) == "2 aangemaakt, 0 bijgewerkt"
    # The index pages are created when missing, once each.
    for model in (SignalGuideIndexPage, BestPracticeIndexPage, EvidenceLadderPage):
        assert model.objects.count() == 1

    guide = SignalGuidePage.objects.get(external_key="gids-klas")
    assert guide.live and not guide.has_unpublished_changes
    assert guide.get_parent().specific_class is SignalGuideIndexPage
    assert guide.url == "/signalen-herkennen/gids-klas/"
    assert guide.title == "Handreiking gids-klas"
    assert [r.slug for r in guide.roles.all()] == ["docent"]
    assert [t.slug for t in guide.themes.all()] == ["polarisatie"]
    assert [s.value["label"] for s in guide.signals] == ["Terugtrekken"]
    assert [(s.value["title"], s.value["text"]) for s in guide.steps] == [
        ("Observeer en noteer", ""),
        ("Overleg", "Met het zorgteam."),
    ]
    assert [c.value["who"] for c in guide.contacts] == ["Zorgcoördinator"]
    assert guide.legal_frame == "<p>De <strong>meldcode</strong> geldt.</p>"

    practice = BestPracticePage.objects.get(external_key="praktijk-buurt")
    assert practice.live and not practice.has_unpublished_changes
    assert practice.get_parent().specific_class is BestPracticeIndexPage
    assert practice.url == "/wat-werkt/praktijk-buurt/"
    assert practice.evidence_level.slug == "goed-beschreven"
    assert practice.start_year == 2019
    assert practice.last_reviewed == datetime.date(2024, 5, 1)
    assert [b.value for b in practice.effective_elements] == [
        "Neutrale gespreksleider",
        "Vaste plek",
    ]
    assert [(b.value["title"], b.value["url"]) for b in practice.sources] == [
        ("Verslag 2023", "https://example.org/verslag"),
        ("Jaarplan", ""),
    ]
    assert {r.slug for r in practice.roles.all()} == {"wijkagent", "jongerenwerker"}
    assert [d.slug for d in practice.domains.all()] == ["welzijn"]
    assert [p.slug for p in practice.phases.all()] == ["preventie"]

    # Published: anonymous visitors can read both.
    assert "Handreiking gids-klas" in client.get(guide.url).content.decode()
    assert "Praktijk praktijk-buurt" in client.get(practice.url).content.decode()


def test_second_import_updates_in_place(homepage):
    kennisbank_import(data=import_data([guide_record()], [practice_record()]))
    guide_pk = SignalGuidePage.objects.get().pk
    report = kennisbank_import(
        data=import_data(
            [guide_record(title="Nieuwe titel", roles=["wijkagent"])],
            [practice_record(title="Andere titel", evidence_level="goed-onderbouwd", year=None)],
        )
    )
    assert (report.created, report.updated) == (0, 2)
    assert SignalGuidePage.objects.count() == 1 and BestPracticePage.objects.count() == 1
    guide = SignalGuidePage.objects.get()
    assert guide.pk == guide_pk
    assert guide.title == "Nieuwe titel" and guide.live and not guide.has_unpublished_changes
    assert [r.slug for r in guide.roles.all()] == ["wijkagent"]
    practice = BestPracticePage.objects.get()
    assert practice.title == "Andere titel"
    assert practice.evidence_level.slug == "goed-onderbouwd"
    assert practice.start_year is None


def test_draft_import_creates_unpublished_pages_and_keeps_live_content(client, homepage, tmp_path):
    kennisbank_import(data=import_data([guide_record()]))
    path = _write(
        tmp_path / "concept.json",
        import_data([guide_record(title="Concepttitel")], [practice_record()]),
    )
    assert _run("import_kennisbank", path, "--draft") == "kennisbank: 1 aangemaakt, 1 bijgewerkt\n"

    practice = BestPracticePage.objects.get()
    assert not practice.live
    assert practice.get_latest_revision_as_object().title == "Praktijk praktijk-buurt"
    assert client.get("/wat-werkt/praktijk-buurt/").status_code == 404
    # An existing page stays live with its published content; the change waits as a draft.
    guide = SignalGuidePage.objects.get()
    assert guide.live and guide.has_unpublished_changes
    assert guide.title == "Handreiking gids-klas"
    assert guide.get_latest_revision_as_object().title == "Concepttitel"


def test_dry_run_writes_nothing_and_reports_counts(homepage, tmp_path):
    path = _write(tmp_path / "a.json", import_data([guide_record()], [practice_record()]))
    before = _state()
    assert _run("import_kennisbank", path, "--dry-run") == (
        "kennisbank: proefimport: zou 2 aangemaakt, 0 bijgewerkt\n"
    )
    assert _state() == before
    assert not SignalGuideIndexPage.objects.exists()

    kennisbank_import(data=import_data([guide_record()]))
    before = _state()
    path = _write(
        tmp_path / "b.json",
        import_data([guide_record(title="Gewijzigd")], [practice_record()]),
    )
    report = kennisbank_import_file(path=path, dry_run=True)
    assert (report.created, report.updated, report.dry_run) == (1, 1, True)
    assert _state() == before


def test_html_is_sanitised(client, homepage):
    evil = (
        '<p>Veilig <strong>vet</strong><script>alert("script")</script>'
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(2)">klik</a></p>'
    )
    kennisbank_import(
        data=import_data(
            [guide_record(body=evil, legal=evil)],
            [practice_record(body=evil, approach=evil, evaluation=evil)],
        )
    )
    guide = SignalGuidePage.objects.get()
    practice = BestPracticePage.objects.get()
    stored = {
        "guide.body": json.dumps(list(guide.body.raw_data)),
        "guide.legal_frame": guide.legal_frame,
        "practice.body": practice.body,
        "practice.approach": practice.approach,
        "practice.evaluation": practice.evaluation,
    }
    for name, value in stored.items():
        assert "<strong>vet</strong>" in value, name
        for bad in ("<script", 'alert("script")', "onerror", "javascript:", "<img"):
            assert bad not in value, (name, bad)
    for url in (guide.url, practice.url):
        html = client.get(url).content.decode()
        assert "<strong>vet</strong>" in html
        assert "onerror" not in html and "javascript:" not in html and "alert(" not in html


# --- Validation: every error names record and field, nothing is written ---------------------


def _set(kind: str, position: int, **changes):
    return lambda data: data[kind][position].update(changes)


def _drop(kind: str, position: int, name: str):
    return lambda data: data[kind][position].pop(name)


INVALID = [
    ("guide-role", _set("guides", 1, roles=["docent", "piloot"]),
     "guide gids-fout: roles: onbekende code 'piloot'"),
    ("guide-theme", _set("guides", 1, themes=["voetbal"]),
     "guide gids-fout: themes: onbekende code 'voetbal'"),
    ("practice-role", _set("practices", 1, roles=["piloot"]),
     "practice praktijk-fout: roles: onbekende code 'piloot'"),
    ("practice-domain", _set("practices", 1, domains=["sport"]),
     "practice praktijk-fout: domains: onbekende code 'sport'"),
    ("practice-phase", _set("practices", 1, phases=["nazorg"]),
     "practice praktijk-fout: phases: onbekende code 'nazorg'"),
    ("practice-theme", _set("practices", 1, themes=["voetbal"]),
     "practice praktijk-fout: themes: onbekende code 'voetbal'"),
    ("evidence-level-unknown", _set("practices", 1, evidence_level="goud"),
     "practice praktijk-fout: evidence_level: onbekende code 'goud'"),
    ("roles-not-a-list", _set("guides", 1, roles="docent"),
     "guide gids-fout: roles: moet een lijst met codes zijn"),
    ("guide-title-missing", _drop("guides", 1, "title"),
     "guide gids-fout: title: ontbreekt of is leeg"),
    ("practice-title-blank", _set("practices", 1, title="   "),
     "practice praktijk-fout: title: ontbreekt of is leeg"),
    ("title-too-long", _set("guides", 1, title="x" * 256),
     "guide gids-fout: title: is langer dan 255 tekens"),
    ("guide-summary-empty", _set("guides", 1, summary=""),
     "guide gids-fout: summary: ontbreekt of is leeg"),
    ("practice-summary-missing", _drop("practices", 1, "summary"),
     "practice praktijk-fout: summary: ontbreekt of is leeg"),
    ("signals-missing", _drop("guides", 1, "signals"),
     "guide gids-fout: signals: ontbreekt of is leeg"),
    ("signals-empty", _set("guides", 1, signals=[]),
     "guide gids-fout: signals: ontbreekt of is leeg"),
    ("signal-label-empty",
     _set("guides", 1, signals=[{"category": "Gedrag", "label": "", "description": "x"}]),
     "guide gids-fout: signals[0].label: ontbreekt of is leeg"),
    ("steps-missing", _drop("guides", 1, "steps"),
     "guide gids-fout: steps: ontbreekt of is leeg"),
    ("steps-empty", _set("guides", 1, steps=[]),
     "guide gids-fout: steps: ontbreekt of is leeg"),
    ("step-wrong-type", _set("guides", 1, steps=["Goed", 3]),
     "guide gids-fout: steps[1]: moet tekst of een object met title zijn"),
    ("contact-incomplete", _set("guides", 1, contacts=[{"who": "Zorgteam", "when": "Altijd"}]),
     "guide gids-fout: contacts[0].how: ontbreekt of is leeg"),
    ("organisation-empty", _set("practices", 1, organisation=""),
     "practice praktijk-fout: organisation: ontbreekt of is leeg"),
    ("evidence-level-missing", _drop("practices", 1, "evidence_level"),
     "practice praktijk-fout: evidence_level: ontbreekt of is leeg"),
    ("guide-key-missing", _drop("guides", 1, "key"),
     "guide guides[1]: key: ontbreekt of is leeg"),
    ("practice-key-empty", _set("practices", 1, key=""),
     "practice practices[1]: key: ontbreekt of is leeg"),
    ("key-uppercase-and-space", _set("guides", 1, key="Gids Fout"),
     "guide Gids Fout: key: alleen kleine letters, cijfers en streepjes"),
    ("key-path", _set("practices", 1, key="../etc"),
     "practice ../etc: key: alleen kleine letters, cijfers en streepjes"),
    ("year-too-early", _set("practices", 1, year=1800),
     "practice praktijk-fout: year: moet een jaartal tussen 1950 en 2100 zijn"),
    ("year-as-text", _set("practices", 1, year="2020"),
     "practice praktijk-fout: year: moet een jaartal tussen 1950 en 2100 zijn"),
    ("year-as-bool", _set("practices", 1, year=True),
     "practice praktijk-fout: year: moet een jaartal tussen 1950 en 2100 zijn"),
    ("last-reviewed-dutch-order", _set("practices", 1, last_reviewed="31-12-2020"),
     "practice praktijk-fout: last_reviewed: moet een datum zijn als JJJJ-MM-DD"),
    ("last-reviewed-impossible", _set("practices", 1, last_reviewed="2023-02-30"),
     "practice praktijk-fout: last_reviewed: moet een datum zijn als JJJJ-MM-DD"),
    ("source-ftp", _set("practices", 1, sources=[{"title": "R", "url": "ftp://example.org/r"}]),
     "practice praktijk-fout: sources[0].url: moet met http:// of https:// beginnen"),
    ("source-javascript",
     _set("practices", 1, sources=[{"title": "R", "url": "javascript:alert(1)"}]),
     "practice praktijk-fout: sources[0].url: moet met http:// of https:// beginnen"),
    ("duplicate-guide-key", _set("guides", 1, key="gids-ok"),
     "guide gids-ok: key: komt twee keer voor in het bestand"),
    ("duplicate-practice-key", _set("practices", 1, key="praktijk-ok"),
     "practice praktijk-ok: key: komt twee keer voor in het bestand"),
    ("record-not-an-object", lambda data: data["guides"].__setitem__(1, "tekst"),
     "guides[1]: record: moet een object zijn"),
    ("wrong-version", lambda data: data.update(version=2), "bestand: version: moet 1 zijn"),
    ("missing-version", lambda data: data.pop("version"), "bestand: version: moet 1 zijn"),
    ("guides-not-a-list", lambda data: data.update(guides={"key": "gids-ok"}),
     "bestand: guides: moet een lijst zijn"),
    ("practices-not-a-list", lambda data: data.update(practices="praktijk-ok"),
     "bestand: practices: moet een lijst zijn"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "error"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_record_is_reported_by_key_and_field_and_nothing_is_written(mutate, error):
    data = import_data(
        [guide_record("gids-ok"), guide_record("gids-fout")],
        [practice_record("praktijk-ok"), practice_record("praktijk-fout")],
    )
    mutate(data)
    before = _state()
    with pytest.raises(KennisbankImportError) as caught:
        kennisbank_import(data=data)
    assert caught.value.errors == [error]
    assert error in str(caught.value)
    assert _state() == before
    assert not SignalGuidePage.objects.exists() and not BestPracticePage.objects.exists()


def test_a_file_that_is_not_an_object_is_rejected():
    with pytest.raises(KennisbankImportError) as caught:
        kennisbank_import(data=[guide_record()])
    assert caught.value.errors == ["bestand: het bestand moet een JSON-object zijn"]


def test_invalid_file_changes_nothing_after_an_earlier_import(homepage):
    kennisbank_import(data=import_data([guide_record("gids-ok")], [practice_record("praktijk-ok")]))
    before = _state()
    bad = import_data(
        [guide_record("gids-ok", title="Gewijzigd"), guide_record("gids-nieuw")],
        [
            practice_record("praktijk-ok", title="Ook gewijzigd"),
            practice_record("praktijk-fout", evidence_level="goud"),
        ],
    )
    with pytest.raises(KennisbankImportError):
        kennisbank_import(data=bad)
    assert _state() == before
    assert SignalGuidePage.objects.get().title == "Handreiking gids-ok"
    assert BestPracticePage.objects.get().title == "Praktijk praktijk-ok"


def test_a_failure_while_writing_rolls_back_the_records_already_written(homepage, guide_index):
    # An editor's guide holds the slug that the second imported guide needs.
    SignalGuidePageFactory(parent=guide_index, slug="bezet", external_key="andere-sleutel")
    before = _state()
    data = import_data([guide_record("gids-nieuw"), guide_record("bezet")], [practice_record()])
    with pytest.raises((KennisbankImportError, ValidationError)):
        kennisbank_import(data=data)
    assert _state() == before
    assert not SignalGuidePage.objects.filter(external_key="gids-nieuw").exists()


# --- The command -------------------------------------------------------------------------------


def test_command_fails_with_command_error_naming_record_and_field(homepage, tmp_path):
    data = import_data(
        [guide_record("gids-ok")],
        [practice_record("praktijk-ok"), practice_record("praktijk-fout", evidence_level="goud")],
    )
    path = _write(tmp_path / "fout.json", data)
    with pytest.raises(CommandError) as caught:
        _run("import_kennisbank", path)
    assert caught.value.returncode != 0
    assert "practice praktijk-fout: evidence_level: onbekende code 'goud'" in str(caught.value)
    assert not SignalGuidePage.objects.exists() and not BestPracticePage.objects.exists()


def test_command_rejects_malformed_json(homepage, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('{"version": 1, "guides": [', encoding="utf-8")
    with pytest.raises(CommandError, match="JSON") as caught:
        _run("import_kennisbank", str(path))
    assert caught.value.returncode != 0
    with pytest.raises(KennisbankImportError) as caught:
        kennisbank_import_file(path=path)
    assert caught.value.errors[0].startswith("bestand: json: ongeldige JSON (regel 1")
    assert not SignalGuidePage.objects.exists()


def test_command_rejects_a_missing_file(homepage, tmp_path):
    missing = tmp_path / "bestaat-niet.json"
    with pytest.raises(CommandError, match="bestaat-niet.json") as caught:
        _run("import_kennisbank", str(missing))
    assert "niet lezen" in str(caught.value)
    assert caught.value.returncode != 0


def test_command_reports_a_slug_collision_as_an_import_error(homepage, guide_index, tmp_path):
    """A key whose slug is taken by another page must fail like any other import error."""
    SignalGuidePageFactory(parent=guide_index, slug="bezet", external_key="andere-sleutel")
    path = _write(tmp_path / "botsing.json", import_data([guide_record("bezet")]))
    with pytest.raises(CommandError) as caught:
        _run("import_kennisbank", path)
    assert "guide bezet" in str(caught.value)
    assert not SignalGuidePage.objects.filter(title="Handreiking bezet").exists()


# --- Export and round trip ---------------------------------------------------------------------


def test_export_then_import_is_a_no_op(homepage, tmp_path):
    guides = [
        guide_record("gids-a"),
        guide_record("gids-b", roles=[], themes=["jihadisme"], contacts=[], legal="", body="",
                     steps=["Alleen een stap"]),
    ]  # fmt: skip
    practices = [
        practice_record("praktijk-a"),
        practice_record(
            "praktijk-b", body="", aim="", approach="", evaluation="", sources=[],
            effective_elements=[], conditions=[], year=None, last_reviewed=None, roles=[],
            domains=[], phases=[], themes=[], evidence_level="effectief-sterke-aanwijzingen",
        ),
    ]  # fmt: skip
    kennisbank_import(data=import_data(guides, practices))
    first = tmp_path / "eerste.json"
    assert _run("export_kennisbank", str(first)) == (
        "kennisbank: 2 handreikingen, 2 praktijken geëxporteerd\n"
    )
    exported = json.loads(first.read_text(encoding="utf-8"))
    # The export is the import format: the same records come out as went in.
    assert exported == import_data(guides, practices)

    before = _state()
    assert _run("import_kennisbank", str(first)) == "kennisbank: 0 aangemaakt, 4 bijgewerkt\n"
    assert _state()[0] == before[0] and _state()[2:] == before[2:]

    second = tmp_path / "tweede.json"
    _run("export_kennisbank", str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_round_trip_includes_pages_made_in_the_admin(homepage, guide_index, tmp_path):
    """Pages editors made have no external key; the export uses their slug as key."""
    kennisbank_import(data=import_data([guide_record("gids-a")], [practice_record("praktijk-a")]))
    SignalGuidePageFactory(parent=guide_index, title="Door redactie", slug="door-redactie")
    path = tmp_path / "export.json"
    _run("export_kennisbank", str(path))
    counts = (SignalGuidePage.objects.count(), BestPracticePage.objects.count())

    assert _run("import_kennisbank", str(path)) == "kennisbank: 0 aangemaakt, 3 bijgewerkt\n"
    assert (SignalGuidePage.objects.count(), BestPracticePage.objects.count()) == counts
    again = tmp_path / "opnieuw.json"
    _run("export_kennisbank", str(again))
    assert again.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_round_trip_is_stable_for_steps_longer_than_a_title(homepage, tmp_path):
    """A long text step is split into title (300 characters) and text; a re-import keeps it."""
    step = "a" * 299 + " en daarna de rest van deze lange stap"
    kennisbank_import(data=import_data([guide_record("gids-lang", steps=[step])]))
    first = tmp_path / "eerste.json"
    _run("export_kennisbank", str(first))
    _run("import_kennisbank", str(first))
    second = tmp_path / "tweede.json"
    _run("export_kennisbank", str(second))
    first_steps = json.loads(first.read_text())["guides"][0]["steps"]
    assert json.loads(second.read_text())["guides"][0]["steps"] == first_steps
    assert second.read_text() == first.read_text()
