"""Forms of the results side: change of situation, error report, recap by e-mail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms

from simulator.engine.situation import MAX_RENT, today
from simulator.questionnaire.fields import (
    SimulatorForm,
    amount_field,
    date_field,
    integer_field,
    past_date,
    radio_field,
)
from simulator.questionnaire.forms import HOUSING_CHOICES, RENTING, LogementForm
from simulator.scenarios import SCENARIOS

NEEDS_AMOUNT = {
    "emploi": "Indiquez le nouveau salaire net mensuel.",
    "retraite": "Indiquez le montant de la retraite nette.",
}


class ScenarioForm(SimulatorForm):
    kind = radio_field("Quel changement voulez-vous simuler ?", list(SCENARIOS.items()))
    amount = amount_field(
        "Montant mensuel net (€)",
        help_text="Nouveau salaire, retraite, allocation chômage attendue, ou salaire du conjoint·e.",
    )
    hours = integer_field("Heures payées par mois (temps partiel)", minimum=1, maximum=300)
    birth_date = date_field(
        "Date de naissance (enfant ou conjoint·e)",
        required=False,
        help_text="Pour une naissance : date prévue ou réelle.",
    )
    commune_query = forms.CharField(
        label="Nouvelle commune : code postal ou nom", max_length=80, required=False
    )
    depcom = forms.ChoiceField(label="Nouvelle commune", required=False, choices=[])
    housing = forms.ChoiceField(
        label="Nouveau logement", choices=[("", "—"), *HOUSING_CHOICES], required=False
    )
    rent = amount_field("Nouveau loyer mensuel hors charges (€)", maximum=MAX_RENT)
    disability_rate = integer_field("Taux d'incapacité reconnu (%)", minimum=1, maximum=100)

    def __init__(self, *args, has_partner: bool = False, has_children: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_partner, self.has_children = has_partner, has_children
        # The commune pair behaves as in the questionnaire's housing step.
        helper = LogementForm(
            {"commune_query": self.data.get("commune_query", ""), "depcom": self.data.get("depcom", "")}
        )
        self.candidates = helper.candidates
        self.fields["depcom"].choices = helper.fields["depcom"].choices
        self.fields["depcom"].widget.attrs.update({"class": "fr-select", "data-communes-select": ""})
        self.fields["housing"].widget.attrs["class"] = "fr-select"

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if self.data.get("kind") != "naissance":
            past_date(value, label="La date de naissance")
        elif value and value > today() + dt.timedelta(days=280):
            raise forms.ValidationError("Une naissance attendue ne peut pas être dans plus de 9 mois.")
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in NEEDS_AMOUNT and not data.get("amount"):
            self.add_error("amount", NEEDS_AMOUNT[kind])
        if kind == "couple" and not data.get("birth_date"):
            self.add_error("birth_date", "Indiquez la date de naissance de votre conjoint·e.")
        if kind == "separation" and not self.has_partner:
            self.add_error("kind", "Votre situation ne compte pas de conjoint·e.")
        if kind == "depart_enfant" and not self.has_children:
            self.add_error("kind", "Votre situation ne compte pas d'enfant.")
        if kind == "demenagement":
            self._clean_move(data)
        return data

    def _clean_move(self, data):
        if not data.get("depcom"):
            if len(self.candidates) == 1:
                data["depcom"] = self.candidates[0].code
            else:
                self.add_error(
                    "commune_query", "Indiquez la nouvelle commune (code postal ou nom), puis choisissez-la."
                )
        if not data.get("housing"):
            self.add_error("housing", "Indiquez le nouveau logement.")
        elif data["housing"] in RENTING and data.get("rent") is None:
            self.add_error("rent", "Indiquez le nouveau loyer.")


class ErrorReportForm(SimulatorForm):
    benefit_key = forms.ChoiceField(label="Quelle aide vous semble mal estimée ?", choices=[])
    expected_amount = amount_field("Quel montant attendiez-vous (€) ?", maximum=Decimal(50_000))
    comment = forms.CharField(
        label="Ce qui vous semble faux (facultatif)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="N'indiquez ni nom, ni adresse, ni numéro : votre situation est enregistrée sans ce qui vous identifie.",
    )

    def __init__(self, *args, benefits: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benefit_key"].choices = [("", "Choisissez une aide"), *benefits]
        self.fields["benefit_key"].widget.attrs["class"] = "fr-select"


class EmailForm(SimulatorForm):
    email = forms.EmailField(
        label="Votre adresse électronique",
        help_text="Nous n'enregistrons pas cette adresse : elle sert à cet envoi seulement.",
        error_messages={
            "required": "Indiquez une adresse électronique.",
            "invalid": "Cette adresse électronique n'est pas valide.",
        },
    )
