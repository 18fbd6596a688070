"""One form per step of the questionnaire. Each is bound to the raw answers stored for its step."""

from __future__ import annotations

from django import forms

from simulator.communes import commune_by_code, communes_search
from simulator.engine.situation import MAX_CHILDREN, MAX_RENT
from simulator.questionnaire.fields import (
    ACTIVITY_CHOICES,
    SimulatorForm,
    amount_field,
    date_field,
    integer_field,
    past_date,
    radio_field,
)

COUPLE_CHOICES = [
    ("seul", "Seul·e"),
    ("marie", "Marié·e"),
    ("pacse", "Pacsé·e"),
    ("union_libre", "En union libre"),
]
SCHOOL_CHOICES = [
    ("", "Pas encore scolarisé·e, ou plus scolarisé·e"),
    ("maternelle", "Maternelle"),
    ("primaire", "École élémentaire"),
    ("college", "Collège"),
    ("lycee", "Lycée"),
    ("enseignement_superieur", "Enseignement supérieur"),
]
HOUSING_CHOICES = [
    ("locataire_prive", "Locataire d'un logement vide (parc privé)"),
    ("locataire_meuble", "Locataire d'un meublé"),
    ("locataire_hlm", "Locataire d'un logement social (HLM)"),
    ("locataire_foyer", "En foyer ou résidence sociale"),
    ("crous", "En résidence CROUS"),
    ("proprietaire", "Propriétaire ou accédant·e à la propriété"),
    ("heberge", "Hébergé·e gratuitement"),
]
RENTING = {"locataire_prive", "locataire_meuble", "locataire_hlm", "locataire_foyer", "crous"}


class ProfilForm(SimulatorForm):
    birth_date = date_field("Votre date de naissance")
    activity = radio_field("Votre situation principale aujourd'hui", ACTIVITY_CHOICES)
    jobseeker_since = date_field(
        "Si vous cherchez un emploi : depuis quand ?",
        required=False,
        help_text="Date d'inscription ou de fin de contrat",
    )
    ass_work_condition = radio_field(
        "Si vous cherchez un emploi : avez-vous travaillé au moins 5 ans au cours des 10 années "
        "précédant la fin de votre dernier contrat ?",
        [("oui", "Oui"), ("non", "Non")],
        required=False,
    )
    disability_rate = integer_field(
        "Taux d'incapacité reconnu par la MDPH (en %)",
        minimum=0,
        maximum=100,
        help_text="Laissez vide si aucun handicap n'est reconnu.",
    )
    scholarship = forms.BooleanField(label="Vous êtes étudiant·e boursier·e", required=False)

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        past_date(value, label="La date de naissance")
        return value

    def clean_jobseeker_since(self):
        value = self.cleaned_data["jobseeker_since"]
        past_date(value, label="La date de début de recherche d'emploi")
        return value

    def clean(self):
        data = super().clean()
        if (
            data.get("activity") == "chomeur"
            and not data.get("jobseeker_since")
            and "jobseeker_since" not in self.errors
        ):
            self.add_error("jobseeker_since", "Indiquez depuis quand vous cherchez un emploi.")
        return data


class FoyerForm(SimulatorForm):
    couple = radio_field("Vivez-vous en couple ?", COUPLE_CHOICES)
    partner_birth_date = date_field("Date de naissance de votre conjoint·e", required=False)
    partner_activity = radio_field(
        "Situation principale de votre conjoint·e", ACTIVITY_CHOICES, required=False
    )
    partner_jobseeker_since = date_field(
        "Si votre conjoint·e cherche un emploi : depuis quand ?", required=False
    )
    partner_disability_rate = integer_field(
        "Taux d'incapacité de votre conjoint·e (en %)",
        minimum=0,
        maximum=100,
        help_text="Laissez vide si aucun.",
    )
    children_count = integer_field(
        "Nombre d'enfants à charge vivant avec vous",
        minimum=0,
        maximum=MAX_CHILDREN,
        required=True,
        help_text="Enfants de moins de 25 ans à votre charge, y compris ceux de votre conjoint·e.",
        too_high=f"Le simulateur compte au plus {MAX_CHILDREN} enfants à charge. Pour un foyer plus nombreux, "
        "rapprochez-vous de votre CAF ou de votre MSA.",
    )

    def clean_partner_birth_date(self):
        value = self.cleaned_data["partner_birth_date"]
        past_date(value, label="La date de naissance")
        return value

    def clean(self):
        data = super().clean()
        if data.get("couple") and data["couple"] != "seul":
            if not data.get("partner_birth_date") and "partner_birth_date" not in self.errors:
                self.add_error("partner_birth_date", "Indiquez la date de naissance de votre conjoint·e.")
            if not data.get("partner_activity"):
                self.add_error("partner_activity", "Indiquez la situation de votre conjoint·e.")
            elif data["partner_activity"] == "chomeur" and not data.get("partner_jobseeker_since"):
                self.add_error(
                    "partner_jobseeker_since", "Indiquez depuis quand votre conjoint·e cherche un emploi."
                )
        return data


class EnfantsForm(SimulatorForm):
    """One group of fields per child, as many as the foyer step said."""

    def __init__(self, *args, children: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.children = children
        for index in range(children):
            number = index + 1
            self.fields[f"child_{index}_birth_date"] = date_field(f"Date de naissance de l'enfant {number}")
            self.fields[f"child_{index}_school_level"] = forms.ChoiceField(
                label=f"Scolarité de l'enfant {number}", choices=SCHOOL_CHOICES, required=False
            )
            self.fields[f"child_{index}_disability_rate"] = integer_field(
                f"Taux d'incapacité de l'enfant {number} (en %)",
                minimum=0,
                maximum=100,
                help_text="Laissez vide si aucun.",
            )
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "fr-select"

    def clean(self):
        data = super().clean()
        for index in range(self.children):
            name = f"child_{index}_birth_date"
            try:
                past_date(data.get(name), label="La date de naissance")
            except forms.ValidationError as error:
                self.add_error(name, error)
        return data

    def child_groups(self):
        return [
            [self[f"child_{index}_{name}"] for name in ("birth_date", "school_level", "disability_rate")]
            for index in range(self.children)
        ]


class LogementForm(SimulatorForm):
    commune_query = forms.CharField(
        label="Code postal ou nom de votre commune",
        max_length=80,
        help_text="Par exemple 75019 ou Saint-Étienne. Puis choisissez votre commune dans la liste.",
        error_messages={"required": "Indiquez votre code postal ou le nom de votre commune."},
    )
    depcom = forms.ChoiceField(label="Votre commune", required=False, choices=[])
    housing = radio_field("Votre logement", HOUSING_CHOICES)
    rent = amount_field(
        "Loyer mensuel, hors charges (en €)",
        maximum=MAX_RENT,
        help_text="Laissez vide si vous ne payez pas de loyer.",
    )
    colocation = forms.BooleanField(label="Vous vivez en colocation", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        query = (self.data.get("commune_query") or "") if self.is_bound else ""
        self.candidates = communes_search(query) if query else []
        chosen = commune_by_code(self.data.get("depcom", "")) if self.is_bound else None
        if chosen and chosen not in self.candidates:
            self.candidates.insert(0, chosen)
        self.fields["depcom"].choices = [("", "Choisissez votre commune")] + [
            (commune.code, f"{commune.name} ({', '.join(commune.postcodes[:3])})")
            for commune in self.candidates
        ]
        self.fields["depcom"].widget.attrs.update({"class": "fr-select", "data-communes-select": ""})
        self.fields["commune_query"].widget.attrs.update({"data-communes-url": "", "autocomplete": "off"})

    def clean(self):
        data = super().clean()
        query = data.get("commune_query")
        if query and not self.candidates:
            self.add_error(
                "commune_query", f"Aucune commune ne correspond à « {query} ». Vérifiez le code postal."
            )
        elif query and not data.get("depcom"):
            if len(self.candidates) == 1:
                data["depcom"] = self.candidates[0].code
            else:
                self.add_error("depcom", "Choisissez votre commune dans la liste.")
        if data.get("housing") in RENTING and data.get("rent") is None and "rent" not in self.errors:
            self.add_error("rent", "Indiquez le montant de votre loyer hors charges.")
        return data
