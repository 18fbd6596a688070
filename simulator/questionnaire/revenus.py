"""The "revenus" step: each adult's incomes over the last 12 months, benefits already received, RFR."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from simulator.questionnaire.fields import SimulatorForm, amount_field, integer_field

INCOME_KINDS = [
    ("salaire_net", "Salaire net"),
    ("chomage_net", "Allocation chômage (ARE)"),
    ("ass", "Allocation de solidarité spécifique (ASS)"),
    ("retraite_nette", "Retraite nette"),
    ("aah", "Allocation aux adultes handicapés (AAH)"),
    ("pension_invalidite", "Pension d'invalidité"),
    ("pension_alimentaire_percue", "Pension alimentaire reçue"),
    ("indemnites_stage", "Gratification de stage"),
]
# Household benefits already received (the engine keys); amounts are optional.
RECEIVED_BENEFITS = [
    ("rsa", "Revenu de solidarité active (RSA)"),
    ("ppa", "Prime d'activité"),
    ("aide_logement", "Aide au logement (APL, ALF, ALS)"),
    ("af", "Allocations familiales"),
    ("cf", "Complément familial"),
    ("asf", "Allocation de soutien familial (ASF)"),
    ("paje_base", "PAJE – allocation de base"),
    ("aspa", "Allocation de solidarité aux personnes âgées (ASPA)"),
    ("aah", "Allocation aux adultes handicapés (AAH)"),
    ("css_sans_participation", "Complémentaire santé solidaire sans participation"),
    ("css_participation", "Complémentaire santé solidaire avec participation"),
]


class RevenusForm(SimulatorForm):
    """``{person}_{kind}_amount`` (monthly net) and ``{person}_{kind}_months`` (how many of the last 12)."""

    def __init__(self, *args, persons: list[tuple[str, str]] = (), single_parent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.persons = list(persons)
        for person, who in self.persons:
            for kind, label in INCOME_KINDS:
                self.fields[f"{person}_{kind}_amount"] = amount_field(
                    f"{label} — {who} : montant mensuel moyen (€)"
                )
                self.fields[f"{person}_{kind}_months"] = integer_field(
                    f"{label} — {who} : perçu les N derniers mois",
                    minimum=1,
                    maximum=12,
                    help_text="De 1 à 12 ; vide = les 12 derniers mois.",
                )
            self.fields[f"{person}_salaire_net_hours"] = integer_field(
                f"Heures payées par mois — {who}",
                minimum=1,
                maximum=300,
                help_text="Pour un temps partiel (un temps plein compte 151 heures).",
            )
        for key, label in RECEIVED_BENEFITS:
            self.fields[f"received_{key}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"received_{key}_amount"] = amount_field(f"{label} : montant mensuel (€)")
            self.fields[f"received_{key}_since"] = forms.DateField(
                required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%d"]
            )
        if single_parent:
            self._ask_the_other_parent()
        self.fields["rfr_n2"] = amount_field(
            "Revenu fiscal de référence de l'avant-dernière année (€)",
            maximum=Decimal(10_000_000),
            help_text="Sur votre avis d'imposition. Laissez vide si vous ne le connaissez pas.",
        )

    def _ask_the_other_parent(self) -> None:
        """A single parent's ASF depends on it: the pension received says who pays it, and empty
        says that no one does (the screening reads a posted step so)."""
        field = self.fields["demandeur_pension_alimentaire_percue_amount"]
        field.label = "Pension alimentaire versée par l'autre parent de vos enfants : montant mensuel (€)"
        field.help_text = (
            "Pour tous vos enfants. Laissez vide si l'autre parent ne verse rien (pas de pension fixée, "
            "pension impayée, parent inconnu ou décédé) : l'allocation de soutien familial en dépend."
        )

    def person_groups(self):
        """[(who, [(label, amount field, months field), ...], hours field)] for the template."""
        groups = []
        for person, who in self.persons:
            rows = [
                (label, self[f"{person}_{kind}_amount"], self[f"{person}_{kind}_months"])
                for kind, label in INCOME_KINDS
            ]
            groups.append((who, rows, self[f"{person}_salaire_net_hours"]))
        return groups

    def received_rows(self):
        return [
            (self[f"received_{key}"], self[f"received_{key}_amount"], self[f"received_{key}_since"])
            for key, _ in RECEIVED_BENEFITS
        ]
