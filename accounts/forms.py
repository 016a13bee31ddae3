"""Forms for the profile and the deletion confirmation; only plain text is accepted."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Role

from . import privacy
from .models import Profile


class RoleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class ProfileForm(forms.ModelForm):
    role = RoleChoiceField(
        label=_("Rol"),
        queryset=Role.objects.all(),
        required=False,
        empty_label=_("Geen keuze"),
        help_text=_("Hiermee tonen wij eerst de signalen en trainingen voor uw werk."),
    )

    class Meta:
        model = Profile
        fields = ["display_name", "organisation", "region", "role", "language"]
        labels = {
            "display_name": _("Weergavenaam"),
            "organisation": _("Organisatie"),
            "region": _("Regio"),
            "language": _("Taal"),
        }
        help_texts = {
            "display_name": _("Zo spreken wij u aan. Een voornaam is genoeg."),
            "organisation": _("Niet verplicht."),
            "region": _("Niet verplicht. De provincie waarin u werkt."),
            "language": _(
                "De taal van knoppen en meldingen. Weerbaar is nog alleen in het Nederlands "
                "geschreven: met Engels worden alleen standaardteksten Engels, zoals "
                "foutmeldingen in formulieren. De kennisbank en de cursussen blijven Nederlands."
            ),
        }
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Geen keuze"))] + list(
            self.fields["region"].choices
        )[1:]

    def clean_display_name(self):
        value = " ".join(self.cleaned_data["display_name"].split())
        if not value:
            raise forms.ValidationError(_("Vul een weergavenaam in."))
        return value

    def clean_organisation(self):
        return " ".join(self.cleaned_data["organisation"].split())


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens definitief worden verwijderd."),
        error_messages={"required": _("Vink aan dat u uw account definitief wilt verwijderen.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Each app's question that applies to this person (e.g. what happens to certificates).
        self.choice_fields: dict[str, str] = {}
        for provider in privacy.erasure_choices_for(user) if user is not None else []:
            choice = provider.erase_choice
            name = "keuze_" + provider.name.replace(".", "_")
            self.fields[name] = forms.ChoiceField(
                label=choice.label,
                help_text=choice.explanation,
                choices=choice.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Maak een keuze.")},
            )
            self.choice_fields[name] = provider.name

    def erasure_choices(self) -> dict[str, str]:
        return {provider: self.cleaned_data[name] for name, provider in self.choice_fields.items()}

    def choice_bound_fields(self):
        return [self[name] for name in self.choice_fields]
