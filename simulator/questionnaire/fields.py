"""Bounded form fields with French messages shared by the questionnaire's steps."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from dsfr.forms import DsfrBaseForm

from simulator.engine.situation import today

MAX_MONTHLY_INCOME = Decimal(20_000)

ACTIVITY_CHOICES = [
    ("salarie", "En emploi (salarié·e)"),
    ("chomeur", "Demandeur·se d'emploi"),
    ("etudiant", "Étudiant·e, en formation"),
    ("retraite", "Retraité·e"),
    ("inactif", "Sans activité (au foyer, en invalidité...)"),
]


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text or "Format : JJ/MM/AAAA",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": "Indiquez cette date.",
            "invalid": "La date doit être au format JJ/MM/AAAA.",
        },
    )


def past_date(value, *, label: str = "La date") -> None:
    if value and value > today():
        raise forms.ValidationError(f"{label} ne peut pas être dans le futur.")
    if value and value.year < 1900:
        raise forms.ValidationError(f"{label} doit être postérieure à 1900.")


def amount_field(
    label: str, *, maximum: Decimal = MAX_MONTHLY_INCOME, help_text: str = ""
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=maximum,
        max_digits=9,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}),
        error_messages={
            "invalid": "Indiquez un montant en euros, par exemple 1250 ou 1250,50.",
            "min_value": "Le montant ne peut pas être négatif.",
            "max_value": f"Ce montant paraît trop élevé (plus de {maximum:,.0f} €)".replace(",", " ")
            + " : indiquez un montant par mois, en euros.",
            "max_digits": "Ce montant paraît trop élevé.",
            "max_decimal_places": "Indiquez au plus deux chiffres après la virgule.",
        },
    )


def integer_field(
    label: str, *, minimum: int, maximum: int, required: bool = False, help_text: str = "", too_high: str = ""
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=minimum,
        max_value=maximum,
        help_text=help_text,
        error_messages={
            "required": "Ce champ est obligatoire.",
            "invalid": "Indiquez un nombre entier.",
            "min_value": f"La valeur doit être au moins {minimum}.",
            "max_value": too_high or f"La valeur doit être au plus {maximum}.",
        },
    )


def radio_field(label: str, choices, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez une réponse.",
            "invalid_choice": "Choisissez une réponse de la liste.",
        },
    )


class SimulatorForm(DsfrBaseForm):
    """DSFR markup, marking optional fields (the DSFR's current advice) without the transition warning."""

    def get_context(self) -> dict:
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context
