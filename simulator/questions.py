"""The screening's deciding questions, each answerable on the spot with a small form.

A question key (``simulator.screening.unknowns_of``) has a form whose ``given()`` says what the
answer means in the questionnaire's own words: raw answers by step (``{"profil": {"activity":
"salarie"}, "revenus": {...}}``), the same strings a step's POST would store. Stored as given facts,
they make the screening treat that fact as known. The commune has its own page (it needs a search).
"""

from __future__ import annotations

from decimal import Decimal

from simulator.engine.situation import MAX_RENT
from simulator.questionnaire.fields import (
    ACTIVITY_CHOICES,
    SimulatorForm,
    amount_field,
    date_field,
    past_date,
    radio_field,
)
from simulator.questionnaire.forms import HOUSING_CHOICES, RENTING
from simulator.screening import CHILD_SUPPORT_FIELD

COMMUNE = "commune"


def _raw(value) -> str:
    """A cleaned value back to what a step's POST stores."""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class QuestionForm(SimulatorForm):
    """``STORED``: where each field's answer goes, ``{step: {form field: step field}}``; ``FIXED``:
    what answering implies besides (``{step: {step field: value}}``)."""

    title = ""
    STORED: dict[str, dict[str, str]] = {}
    FIXED: dict[str, dict[str, str]] = {}

    def given(self) -> dict[str, dict[str, str]]:
        given = {step: dict(values) for step, values in self.FIXED.items()}
        for step, fields in self.STORED.items():
            for name, stored in fields.items():
                given.setdefault(step, {})[stored] = _raw(self.cleaned_data[name])
        return given

    @classmethod
    def initial_from(cls, answers: dict) -> dict:
        """What the person already answered (or an agency said), to show again."""
        initial = {}
        for step, fields in cls.STORED.items():
            for name, stored in fields.items():
                if answers.get(step, {}).get(stored) not in (None, ""):
                    initial[name] = answers[step][stored]
        return initial


class HousingForm(QuestionForm):
    title = "Votre logement"
    STORED = {"logement": {"housing": "housing", "rent": "rent"}}

    housing = radio_field("Votre logement", HOUSING_CHOICES)
    rent = amount_field(
        "Loyer mensuel, hors charges (en €)",
        maximum=MAX_RENT,
        help_text="Seulement si vous êtes locataire.",
    )

    def clean(self):
        data = super().clean()
        renting = data.get("housing") in RENTING
        if renting and data.get("rent") is None and "rent" not in self.errors:
            self.add_error("rent", "Indiquez le montant de votre loyer hors charges.")
        if not renting:
            data["rent"] = None
        return data


def _salary_field():
    return amount_field(
        "Salaire net mensuel moyen sur les 12 derniers mois (en €)",
        help_text="Laissez vide s'il n'y a pas eu de salaire.",
    )


def _pension_field():
    return amount_field("Retraite nette mensuelle (en €)", help_text="Seulement en cas de retraite.")


class _ActivityForm(QuestionForm):
    """Activity, with the earnings or the pension of the last 12 months."""

    SINCE_MISSING = ""

    def clean_jobseeker_since(self):
        value = self.cleaned_data["jobseeker_since"]
        past_date(value, label="La date de début de recherche d'emploi")
        return value

    def clean(self):
        data = super().clean()
        activity = data.get("activity")
        if activity == "chomeur" and not data.get("jobseeker_since") and "jobseeker_since" not in self.errors:
            self.add_error("jobseeker_since", self.SINCE_MISSING)
        if activity == "salarie" and data.get("salary") is None and "salary" not in self.errors:
            self.add_error("salary", "Indiquez le salaire net mensuel moyen.")
        if activity == "retraite" and data.get("pension") is None and "pension" not in self.errors:
            self.add_error("pension", "Indiquez le montant de la retraite, 0 s'il n'y en a pas.")
        if activity != "chomeur":
            data["jobseeker_since"] = None
        return data


class ActivityForm(_ActivityForm):
    title = "Votre activité et vos revenus"
    STORED = {
        "profil": {"activity": "activity", "jobseeker_since": "jobseeker_since"},
        "revenus": {"salary": "demandeur_salaire_net_amount", "pension": "demandeur_retraite_nette_amount"},
    }
    SINCE_MISSING = "Indiquez depuis quand vous cherchez un emploi."

    activity = radio_field("Votre situation principale aujourd'hui", ACTIVITY_CHOICES)
    jobseeker_since = date_field(
        "Si vous cherchez un emploi : depuis quand ?",
        required=False,
        help_text="Date d'inscription ou de fin de contrat",
    )
    salary = _salary_field()
    pension = _pension_field()


class PartnerActivityForm(_ActivityForm):
    title = "La situation de votre conjoint·e"
    STORED = {
        "foyer": {"activity": "partner_activity", "jobseeker_since": "partner_jobseeker_since"},
        "revenus": {"salary": "conjoint_salaire_net_amount", "pension": "conjoint_retraite_nette_amount"},
    }
    SINCE_MISSING = "Indiquez depuis quand votre conjoint·e cherche un emploi."

    activity = radio_field("Situation principale de votre conjoint·e", ACTIVITY_CHOICES)
    jobseeker_since = date_field(
        "Si votre conjoint·e cherche un emploi : depuis quand ?",
        required=False,
        help_text="Date d'inscription ou de fin de contrat",
    )
    salary = _salary_field()
    pension = _pension_field()


class PensionForm(QuestionForm):
    title = "Votre retraite et vos autres ressources"
    STORED = {
        "revenus": {"pension": "demandeur_retraite_nette_amount", "salary": "demandeur_salaire_net_amount"}
    }
    FIXED = {"profil": {"activity": "retraite"}}

    pension = amount_field(
        "Retraite nette mensuelle, toutes caisses confondues (en €)",
        help_text="Retraite de base et complémentaire, après prélèvements. 0 si vous n'en touchez pas.",
    )
    salary = amount_field(
        "Salaire net mensuel moyen sur les 12 derniers mois, si vous travaillez encore (en €)",
        help_text="Laissez vide si vous ne travaillez pas.",
    )

    def clean(self):
        data = super().clean()
        if data.get("pension") is None and "pension" not in self.errors:
            self.add_error("pension", "Indiquez le montant de votre retraite, 0 si vous n'en touchez pas.")
        return data


class OtherParentForm(QuestionForm):
    """Whether the other parent pays a pension alimentaire, stored as the revenus step's pension
    received (0 when none is paid): the answer the ASF depends on."""

    title = "L'autre parent de vos enfants"
    STORED = {"revenus": {"amount": CHILD_SUPPORT_FIELD}}

    pays = radio_field(
        "L'autre parent de vos enfants vous verse-t-il une pension alimentaire ?",
        [
            ("oui", "Oui"),
            ("non", "Non (aucune pension fixée, pension impayée, parent inconnu ou décédé)"),
        ],
    )
    amount = amount_field(
        "Montant mensuel reçu, pour tous vos enfants (en €)",
        help_text="Seulement si une pension vous est versée.",
    )

    def clean(self):
        data = super().clean()
        if data.get("pays") == "oui" and not data.get("amount") and "amount" not in self.errors:
            self.add_error("amount", "Indiquez le montant de la pension alimentaire reçue chaque mois.")
        if data.get("pays") == "non":
            data["amount"] = 0
        return data

    @classmethod
    def initial_from(cls, answers: dict) -> dict:
        initial = super().initial_from(answers)
        if "amount" in initial:
            initial["pays"] = "oui" if Decimal(str(initial["amount"])) > 0 else "non"
        return initial


QUESTION_FORMS: dict[str, type[QuestionForm]] = {
    "housing": HousingForm,
    "activity": ActivityForm,
    "pension": PensionForm,
    "partner_activity": PartnerActivityForm,
    "other_parent": OtherParentForm,
}


def question_form(
    key: str, *, answers: dict | None = None, data=None, auto_id: str = "id_%s"
) -> QuestionForm:
    """The form of a deciding question: bound to ``data`` (a POST), else showing what is known.
    Raises ``KeyError`` for a key that has no form here."""
    form_class = QUESTION_FORMS[key]
    if data is not None:
        return form_class(data, auto_id=auto_id)
    return form_class(initial=form_class.initial_from(answers or {}), auto_id=auto_id)
