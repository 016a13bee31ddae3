"""The "Deel uw praktijk" form: what a professional may send, checked before anything is saved."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.models import Domain, EvidenceLevel, Phase, Role, Theme
from core.sanitize import html_to_text, sanitize_html

URL_IN_LINE = re.compile(r"(https?://\S+)")


def _lines(value: str) -> list[str]:
    return [line.strip(" -•\t") for line in value.splitlines() if line.strip(" -•\t")]


class TermChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, model, **kwargs):
        super().__init__(queryset=model.objects.all(), to_field_name="slug", **kwargs)

    def label_from_instance(self, obj):
        return obj.label


class PracticeSubmissionForm(forms.Form):
    title = forms.CharField(label=_("Naam van de aanpak"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Twee of drie zinnen: wat doet u, voor wie en met welk doel?"),
    )
    description = forms.CharField(
        label=_("Beschrijving"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "U kunt eenvoudige opmaak gebruiken: alinea's (<p>), opsommingen (<ul>, <li>), "
            "vet (<strong>) en links. Andere opmaak wordt verwijderd."
        ),
    )
    aim = forms.CharField(label=_("Doel"), widget=forms.Textarea(attrs={"rows": 3}))
    target_group = forms.CharField(label=_("Doelgroep"), widget=forms.Textarea(attrs={"rows": 2}))
    approach = forms.CharField(
        label=_("Aanpak"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    effective_elements = forms.CharField(
        label=_("Werkzame elementen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel."),
    )
    conditions = forms.CharField(
        label=_("Randvoorwaarden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel: wat is nodig om de aanpak uit te voeren?"),
    )
    evaluation = forms.CharField(
        label=_("Evaluatie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat weet u over de resultaten? Is de aanpak onderzocht?"),
    )
    sources = forms.CharField(
        label=_("Bronnen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel: een titel en eventueel een adres dat met https:// begint."),
    )
    evidence_level = forms.ModelChoiceField(
        label=_("Niveau van bewijs (uw inschatting)"),
        queryset=EvidenceLevel.objects.all(),
        to_field_name="slug",
        empty_label=None,
        help_text=_("De redactie controleert dit voordat de praktijk wordt gepubliceerd."),
    )
    evidence_justification = forms.CharField(
        label=_("Waarom dit niveau?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    organisation = forms.CharField(label=_("Organisatie"), max_length=200)
    region = forms.CharField(label=_("Regio"), max_length=100, required=False)
    contact = forms.CharField(
        label=_("Algemeen contactadres van de organisatie"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld info@organisatie.nl. Geen gegevens van personen."),
    )
    start_year = forms.IntegerField(label=_("Startjaar"), required=False, min_value=1950)
    roles = TermChoiceField(Role, label=_("Voor wie"))
    domains = TermChoiceField(Domain, label=_("Domein"))
    phases = TermChoiceField(Phase, label=_("Fase"))
    themes = TermChoiceField(Theme, label=_("Thema"), required=False)
    no_personal_data = forms.BooleanField(
        label=_("Mijn inzending bevat geen gegevens over cliënten, leerlingen of andere personen."),
    )
    # Honeypot: hidden from people (CSS and aria-hidden wrapper), filled in by spam bots.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_description(self) -> str:
        cleaned = sanitize_html(self.cleaned_data["description"])
        if len(html_to_text(cleaned)) < 40:
            raise ValidationError(_("Beschrijf de aanpak in ten minste een paar zinnen."))
        return cleaned

    def clean_start_year(self) -> int | None:
        year = self.cleaned_data["start_year"]
        if year is not None and year > datetime.date.today().year:
            raise ValidationError(_("Het startjaar kan niet in de toekomst liggen."))
        return year

    def clean_approach(self) -> str:
        return sanitize_html(self.cleaned_data["approach"])

    def clean_evaluation(self) -> str:
        return sanitize_html(self.cleaned_data["evaluation"])

    def clean_effective_elements(self) -> list[str]:
        return [line[:300] for line in _lines(self.cleaned_data["effective_elements"])]

    def clean_conditions(self) -> list[str]:
        return [line[:300] for line in _lines(self.cleaned_data["conditions"])]

    def clean_sources(self) -> list[dict[str, str]]:
        sources = []
        for line in _lines(self.cleaned_data["sources"]):
            match = URL_IN_LINE.search(line)
            url = match.group(1) if match else ""
            title = (line.replace(url, "").strip(" -–|:") if url else line) or url
            sources.append({"title": html_to_text(title)[:250], "url": url})
        return sources

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
