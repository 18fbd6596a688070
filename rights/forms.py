from django import forms

from rights.catalogue import benefits
from rights.models import ErrorReport, Overpayment, OverpaymentRequest


class ErrorReportForm(forms.Form):
    message = forms.CharField(
        label="Qu'est-ce qui est inexact ?",
        help_text="Dites ce qui est faux et, si vous le savez, la bonne information. L'organisme vous répondra ici.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )


class PostalCodeForm(forms.Form):
    code_postal = forms.RegexField(
        label="Code postal", regex=r"^\d[\dAB]\d{3}$", help_text="Format attendu : 5 chiffres, par exemple 13013.",
        error_messages={"invalid": "Saisissez un code postal à 5 chiffres."},
    )  # fmt: skip


class OverpaymentRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="Votre demande", choices=OverpaymentRequest.Kind.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label="Votre situation",
        help_text="Expliquez pourquoi vous ne pouvez pas rembourser en une fois (ressources, charges, événement).",
        widget=forms.Textarea(attrs={"rows": 5}), max_length=4000,
    )  # fmt: skip
    monthly_amount = forms.DecimalField(
        label="Montant mensuel que vous pouvez rembourser (en euros, pour un échéancier)",
        required=False, min_value=1, max_digits=10, decimal_places=2,
    )  # fmt: skip


class ErrorReportAnswerForm(forms.Form):
    status = forms.ChoiceField(label="Suite donnée", choices=ErrorReport.Status.choices)
    answer = forms.CharField(
        label="Réponse à la personne", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


def _collapse_spaces(value: str) -> str:
    return " ".join(value.split())


class OverpaymentForm(forms.Form):
    """An agent records an indu for one of their organism's members, found by their whole pivot
    identity (never by a prefix: one letter must not attach a debt to the wrong person)."""

    family_name = forms.CharField(label="Nom de naissance", max_length=255)
    given_name = forms.CharField(
        label="Prénoms",
        max_length=255,
        help_text="Tous les prénoms de l'état civil, dans l'ordre, séparés par une espace.",
    )
    birthdate = forms.RegexField(
        label="Date de naissance (AAAA-MM-JJ)",
        regex=r"^\d{4}-(0\d|1[0-2])-([0-2]\d|3[01])$",
        max_length=10,
        help_text="Pour une date présumée, 00 pour le jour ou le mois inconnu, par exemple 1962-00-00.",
        error_messages={
            "invalid": "Saisissez la date de naissance au format AAAA-MM-JJ, par exemple 1962-08-24."
        },
    )
    birthplace = forms.RegexField(
        label="Commune de naissance (code INSEE)",
        regex=r"^[0-9][0-9AB][0-9]{3}$",
        required=False,
        help_text="Seulement pour distinguer des homonymes nés le même jour, par exemple 75056.",
        error_messages={"invalid": "Le code INSEE de la commune compte 5 caractères, par exemple 75056."},
    )
    benefit_key = forms.ChoiceField(label="Prestation")
    amount = forms.DecimalField(
        label="Montant de l'indu (€)", min_value=0.01, max_digits=10, decimal_places=2
    )
    reason = forms.CharField(label="Motif, en termes simples", widget=forms.Textarea(attrs={"rows": 3}))
    period_start = forms.DateField(
        label="Période concernée : du", widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(label="au", widget=forms.DateInput(attrs={"type": "date"}))
    notified_on = forms.DateField(
        label="Date de la notification", widget=forms.DateInput(attrs={"type": "date"})
    )
    repayment = forms.ChoiceField(label="Remboursement", choices=Overpayment.Repayment.choices)
    monthly_deduction = forms.DecimalField(
        label="Retenue mensuelle (€)", required=False, min_value=0, max_digits=10, decimal_places=2
    )

    def __init__(self, *args, organism: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benefit_key"].choices = [
            (key, item.name) for key, item in benefits().items() if organism in item.organisms
        ]

    def clean_family_name(self) -> str:
        return _collapse_spaces(self.cleaned_data["family_name"])

    def clean_given_name(self) -> str:
        return _collapse_spaces(self.cleaned_data["given_name"])

    def clean_birthplace(self) -> str:
        return self.cleaned_data["birthplace"].upper()

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", "La fin de la période précède son début.")
        return data
