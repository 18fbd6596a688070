import re

from django import forms

from agencies.sources import sources

FRANCE_TRAVAIL_ID = re.compile(r"^[0-9]{7}[0-9A-Z]$")


class ConsentForm(forms.Form):
    """One checkbox per source; the France Travail identifier when that source is chosen."""

    france_travail_identifier = forms.CharField(
        label="Votre identifiant France Travail",
        help_text="8 caractères, sur vos courriers France Travail (par exemple 3456789A).",
        required=False,
        max_length=8,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, source in sources().items():
            self.fields[f"source_{code}"] = forms.BooleanField(label=source.label, required=False)

    def chosen_sources(self) -> list[str]:
        return [code for code in sources() if self.cleaned_data.get(f"source_{code}")]

    def clean_france_travail_identifier(self) -> str:
        return self.cleaned_data["france_travail_identifier"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source_france_travail") and not FRANCE_TRAVAIL_ID.match(
            cleaned.get("france_travail_identifier", "")
        ):
            self.add_error(
                "france_travail_identifier",
                "Indiquez votre identifiant France Travail : 7 chiffres suivis d'un chiffre ou d'une lettre.",
            )
        return cleaned
