from django import forms

from alerts.audience import DEPARTEMENTS
from alerts.models import Category, Publication


class PreferencesForm(forms.Form):
    """One "also by e-mail" box per category; the inbox always receives everything."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Category.choices:
            self.fields[value] = forms.BooleanField(label=label, required=False)

    def choices(self) -> dict[str, bool]:
        return {category: self.cleaned_data[category] for category in Category.values}


class PublicationForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=160)
    body = forms.CharField(label="Message", max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    link = forms.URLField(
        label="Lien vers la démarche (facultatif)", required=False, max_length=500, assume_scheme="https"
    )
    category = forms.ChoiceField(label="Catégorie", choices=Category.choices, initial=Category.AGENCY)
    audience = forms.ChoiceField(
        label="Destinataires",
        choices=[c for c in Publication.Audience.choices if c[0] != Publication.Audience.MEMBERS],
        widget=forms.RadioSelect,
        initial=Publication.Audience.ALL,
    )
    benefit = forms.ChoiceField(label="Prestation", required=False)
    departement = forms.ChoiceField(
        label="Département", required=False, choices=[("", "—")] + [(d, d) for d in DEPARTEMENTS]
    )
    scheduled_at = forms.DateTimeField(
        label="Envoi programmé (facultatif)",
        help_text="Laissez vide pour envoyer dès la confirmation. Format : 24/12/2026 09:00",
        required=False,
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, benefit_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benefit"].choices = [("", "—"), *benefit_choices]

    def clean(self):
        data = super().clean()
        if data.get("audience") == Publication.Audience.BENEFIT and not data.get("benefit"):
            self.add_error("benefit", "Choisissez la prestation des destinataires.")
        if data.get("audience") == Publication.Audience.DEPARTEMENT and not data.get("departement"):
            self.add_error("departement", "Choisissez le département des destinataires.")
        return data

    def category_label(self) -> str:
        return dict(Category.choices)[self.cleaned_data["category"]]

    def audience_description(self) -> str:
        """Who the cleaned form reaches, in words: "Membres d'un département : 35"."""
        return Publication(
            audience=self.cleaned_data["audience"], audience_value=self.audience_value
        ).audience_text

    @property
    def audience_value(self) -> str:
        audience = self.cleaned_data["audience"]
        return {
            "benefit": self.cleaned_data.get("benefit"),
            "departement": self.cleaned_data.get("departement"),
        }.get(audience) or ""
