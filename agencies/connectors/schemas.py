"""Typed answers of the agency APIs: the documented fields the product uses, validated.

`extra="ignore"`: agencies add fields over time, which must not break us; a missing or mistyped
documented field raises, and the answer is refused as malformed.
"""

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Person(_Answer):
    nom_naissance: str
    nom_usage: str | None = None
    prenoms: str
    date_naissance: str | None = None  # may be presumed, "YYYY-00-00"
    sexe: str | None = None


class QuotientValue(_Answer):
    fournisseur: str  # "CNAF" or "MSA"
    valeur: int | None = None
    annee: int | None = None
    mois: int | None = None


class Address(_Answer):
    destinataire: str | None = None
    numero_libelle_voie: str | None = None
    code_postal_ville: str | None = None
    pays: str | None = None


class QuotientFamilial(_Answer):
    allocataires: list[Person] = Field(default_factory=list)
    enfants: list[Person] = Field(default_factory=list)
    adresse: Address | None = None
    quotient_familial: QuotientValue


class BenefitStatus(_Answer):
    est_beneficiaire: bool
    date_debut_droit: dt.date | None = None
    avec_majoration: bool | None = None


class ChildDisabilityStatus(_Answer):
    """AEEH answers who holds the right: the parent ("allocataire") or the child ("ouvrant_droit")."""

    status: str  # "allocataire", "ouvrant_droit" or "non_beneficiaire"
    date_debut_droit: dt.date | None = None

    @property
    def est_beneficiaire(self) -> bool:
        return self.status != "non_beneficiaire"


class HealthStatus(_Answer):
    est_beneficiaire: bool
    avec_participation: bool | None = None
    date_debut_droit: dt.date | None = None


class Registration(_Answer):
    class Category(_Answer):
        code: int | None = None
        libelle: str | None = None

    date_debut: dt.date | None = None
    date_fin: dt.date | None = None
    categorie: Category | None = None


class JobseekerStatus(_Answer):
    identifiant: str
    inscription: Registration | None = None


class Payment(_Answer):
    date_versement: dt.date
    montant_total: float
    montant_allocations: float | None = None
    montant_aides: float | None = None
    montant_autres: float | None = None


class JobseekerPayments(_Answer):
    identifiant: str
    paiements: list[Payment] = Field(default_factory=list)


class Admission(_Answer):
    date_debut: dt.date | None = None
    date_fin: dt.date | None = None
    est_inscrit: bool
    code_cog_insee_commune: str | None = None


class StudentStatus(_Answer):
    admissions: list[Admission] = Field(default_factory=list)


class Scholarship(_Answer):
    class Status(_Answer):
        est_boursier: bool
        est_radie: bool | None = None

    class Period(_Answer):
        date_rentree: dt.date | None = None
        duree: int | None = None

    class Level(_Answer):
        echelon: str | None = None

    statut_boursier: Status
    periode_versement_bourse: Period | None = None
    echelon_bourse: Level | None = None


class Schooling(_Answer):
    """MEN v4 scolarité of one pupil for the current school year."""

    class Pupil(_Answer):
        prenom: str
        date_naissance: str | None = None

    class School(_Answer):
        code_uai: str
        nom: str | None = None

    class Level(_Answer):
        libelle: str | None = None

    identite: Pupil
    etablissement: School
    module_elementaire_formation: Level | None = None
    annee_scolaire: str
    est_scolarise: bool
    est_boursier: bool | None = None
    echelon_bourse: int | None = None


class Schoolings(_Answer):
    """Our own aggregate: one entry per child asked about, found or not."""

    class Entry(_Answer):
        prenom: str
        date_naissance: str | None = None
        scolarite: "Schooling | None" = None

    eleves: list[Entry] = Field(default_factory=list)


class TaxSituation(_Answer):
    """The DGFiP answer, reduced to what the simulator and the rights view use."""

    annee_revenus: int
    revenu_fiscal_reference: int | None = None
    nombre_parts: float | None = None
    situation_famille: str | None = None
    nombre_personnes_a_charge: int | None = None
    # The tax address (adresse fiscale) at the date of the notice: the commune for the simulator.
    code_postal: str | None = None
    commune: str | None = None


DATASET_SCHEMAS: dict[str, type[_Answer]] = {
    "quotient_familial": QuotientFamilial,
    "revenu_solidarite_active": BenefitStatus,
    "prime_activite": BenefitStatus,
    "allocation_adulte_handicape": BenefitStatus,
    "allocation_soutien_familial": BenefitStatus,
    "allocation_enfant_handicape": ChildDisabilityStatus,
    "complementaire_sante_solidaire": HealthStatus,
    "france_travail_statut": JobseekerStatus,
    "france_travail_indemnites": JobseekerPayments,
    "statut_etudiant": StudentStatus,
    "etudiant_boursier": Scholarship,
    "revenu_fiscal": TaxSituation,
    "scolarite": Schoolings,
}
