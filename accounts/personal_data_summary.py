"""A readable Dutch summary of the personal-data export, beside the machine-readable file.

The JSON file keeps its English field names (a stable format for other services); people read
this summary instead: each section under its Dutch description, each field under a Dutch label.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from . import privacy

LABELS = {
    "account_id": _("Accountnummer"), "action": _("Handeling"), "active": _("Actief"),
    "addresses": _("Adressen"), "admin_preferences": _("Voorkeuren beheeromgeving"),
    "aim": _("Doel"), "answer": _("Antwoord"), "answered_at": _("Beantwoord op"),
    "answers": _("Antwoorden"), "approach": _("Aanpak"),
    "approved_notifications": _("Bericht bij goedkeuring"), "at": _("Tijdstip"),
    "attempts": _("Pogingen"), "authenticators": _("Verificatiemethoden"),
    "basis": _("Behaald door"), "body": _("Tekst"), "certificate": _("Certificaat"),
    "certificate_reminders": _("Herinneringen voor het verlopen van certificaten"),
    "certificate_reminders_opt_out": _("Geen herinneringen voor certificaten"),
    "certificates": _("Certificaten"), "choice": _("Keuze"),
    "days_before": _("Dagen voor het verlopen"),
    "code": _("Code"), "cohort": _("Groep"), "cohorts_led": _("Groepen die u begeleidt"),
    "comments": _("Opmerkingen"), "completed_at": _("Afgerond op"),
    "completed_on": _("Afgerond op"), "consented_at": _("Toestemming gegeven op"),
    "correct": _("Goed"), "count": _("Aantal"), "course": _("Cursus"),
    "created_at": _("Aangemaakt op"), "current_time_zone": _("Tijdzone"), "date": _("Datum"),
    "date_joined": _("Lid sinds"), "dilemma_choices": _("Keuzes bij dilemma's"),
    "display_name": _("Weergavenaam"), "email": _("E-mailadres"),
    "enrolled_at": _("Ingeschreven op"), "enrolments": _("Inschrijvingen"),
    "events": _("Gebeurtenissen"), "evidence_level": _("Niveau van bewijs"),
    "expires_on": _("Geldig tot"), "first_name": _("Voornaam"), "groups": _("Groepen"),
    "id": _("Nummer"), "ip": _("IP-adres"), "joined_at": _("Lid geworden op"),
    "kind": _("Soort"), "label": _("Naam"), "language": _("Taal"),
    "last_activity_at": _("Laatst actief"), "last_login": _("Laatst aangemeld"),
    "last_name": _("Achternaam"), "last_seen_at": _("Laatst gezien"),
    "last_used_at": _("Laatst gebruikt"), "lesson": _("Les"),
    "lesson_progress": _("Voortgang per les"), "memberships": _("Groepslidmaatschappen"),
    "name": _("Naam"), "note": _("Notitie"), "organisation": _("Organisatie"),
    "outcome": _("Uitkomst"), "page": _("Pagina"), "page_id": _("Paginanummer"),
    "pages_owned": _("Pagina's waarvan u eigenaar bent"), "passed": _("Geslaagd"),
    "preferred_language": _("Voorkeurstaal"), "primary": _("Hoofdadres"),
    "profile": _("Profiel"), "progress": _("Voortgang"), "question": _("Vraag"),
    "quiz_answers": _("Antwoorden op oefenvragen"), "records": _("Gegevens"),
    "reflection_notes": _("Reflectienotities"), "region": _("Regio"),
    "rejected_notifications": _("Bericht bij afwijzing"),
    "reminders_opt_out": _("Geen herinneringen"), "replaced_by": _("Vervangen door"),
    "result": _("Resultaat"),
    "revisions_made": _("Gemaakte versies"), "role": _("Rol"), "roles": _("Rollen"),
    "score_percent": _("Score (%)"), "sent_at": _("Verstuurd op"), "sessions": _("Sessies"),
    "status": _("Status"),
    "submissions": _("Inzendingen"), "submitted_at": _("Ingezonden op"),
    "submitted_notifications": _("Bericht bij inzending"), "summary": _("Samenvatting"),
    "target_group": _("Doelgroep"), "target_id": _("Doelnummer"),
    "target_type": _("Soort doel"), "tests": _("Toetsen"), "text": _("Tekst"),
    "time_spent_seconds": _("Bestede tijd (seconden)"), "title": _("Titel"),
    "type": _("Soort"), "updated_at": _("Bijgewerkt op"),
    "updated_comments_notifications": _("Bericht bij nieuwe opmerkingen"),
    "user_agent": _("Browser en apparaat"), "username": _("Gebruikersnaam"),
    "value": _("Waarde"), "verified": _("Bevestigd"),
}  # fmt: skip


# Codes the security log stores, in words.
VALUES = {
    "login": _("aangemeld"), "login.failed": _("aanmelden mislukt"), "logout": _("afgemeld"),
    "session.expired": _("sessie verlopen"), "password.changed": _("wachtwoord gewijzigd"),
    "password.reset": _("wachtwoord opnieuw ingesteld"),
    "mfa.added": _("tweestapsverificatie ingesteld"),
    "mfa.removed": _("tweestapsverificatie verwijderd"),
    "mfa.reset": _("tweestapsverificatie hersteld"),
    "mfa.used": _("verificatiecode gebruikt"), "mfa.failed": _("verificatiecode onjuist"),
    "mfa.required": _("tweestapsverificatie gevraagd"),
    "permission.denied": _("toegang geweigerd"),
    "personal_data.exported": _("gegevens opgevraagd"), "success": _("gelukt"),
    "failure": _("mislukt"), "denied": _("geweigerd"),
}  # fmt: skip


def field_label(key: str) -> str:
    """The Dutch label of an export field; an unknown one shows as written."""
    label = LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ")


def _text(value) -> str:
    if value is True:
        return str(_("ja"))
    if value is False:
        return str(_("nee"))
    if value in (None, ""):
        return "–"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        if len(value) == 10:
            return formats.date_format(moment.date(), "j F Y")
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "j F Y, H:i")
    if isinstance(value, str) and value in VALUES:
        return str(VALUES[value])
    return str(value)


def _rows(value, prefix: str = "") -> list[tuple[str, str]]:
    """Nested export values as (label, text) rows; lists become numbered groups."""
    if isinstance(value, dict):
        rows = []
        for key, item in value.items():
            label = field_label(key) if not prefix else f"{prefix} › {field_label(key)}"
            rows += _rows(item, label)
        return rows
    if isinstance(value, list):
        if not value:
            return [(prefix, "–")] if prefix else []
        if all(not isinstance(item, (dict, list)) for item in value):
            return [(prefix, ", ".join(_text(item) for item in value))]
        rows = []
        for number, item in enumerate(value, start=1):
            rows += _rows(item, f"{prefix} {number}".strip())
        return rows
    return [(prefix, _text(value))]


def personal_data_summary(*, user, data: dict) -> list[dict]:
    """Sections of ``data`` (personal_data_export) with Dutch descriptions and rows; the
    admin-only sections only where they hold something (as on *Mijn gegevens*)."""
    shown = privacy.providers_for(user=user)
    descriptions = {p.name: str(p.description) for p in shown}
    sections = []
    for name, content in data["sections"].items():
        if name not in descriptions:
            continue
        rows = _rows(content)
        sections.append({"title": descriptions.get(name, name), "rows": rows, "empty": not rows})
    return sections
