"""Plain-French explanations of each result, from OpenFisca's intermediate variables.

Each explainer gets the household's values of the catalogue's ``explain`` variables (the demandeur's
value for individual variables) and the amount, and returns short sentences for the results page.
"""

from __future__ import annotations

from collections.abc import Callable

from agencies.french import de  # plain Python, like the engine
from simulator.engine.situation import Situation

Values = dict[str, object]
Explainer = Callable[[Values, float, Situation], list[str]]
_EXPLAINERS: dict[str, Explainer] = {}


def _euros(value) -> str:
    return f"{float(value):,.0f} €".replace(",", " ")


def explainer(*keys: str) -> Callable[[Explainer], Explainer]:
    def register(function: Explainer) -> Explainer:
        for key in keys:
            _EXPLAINERS[key] = function
        return function

    return register


def explain(key: str, values: Values, amount: float, situation: Situation) -> list[str]:
    """Sentences explaining the result of benefit ``key`` (a generic one when none is written)."""
    function = _EXPLAINERS.get(key)
    if function is None:
        if amount > 0:
            return ["Les conditions de cette aide semblent remplies d'après votre situation."]
        return ["Les conditions de cette aide ne semblent pas remplies d'après votre situation."]
    return function(values, amount, situation)


def _age(situation: Situation) -> int:
    born = situation.demandeur.birth_date
    year, month = int(situation.month[:4]), int(situation.month[5:7])
    return year - born.year - ((month, 1) < (born.month, born.day))


@explainer("rsa")
def _rsa(values: Values, amount: float, situation: Situation) -> list[str]:
    sentences = []
    if values["rsa_eligibilite"]:
        sentences.append("Les conditions d'âge ou de situation familiale du RSA sont remplies.")
    elif _age(situation) < 25:
        sentences.append("Avant 25 ans, le RSA est réservé aux parents et aux jeunes ayant assez travaillé.")
    else:
        sentences.append("Les conditions d'accès au RSA (nationalité, statut, études) ne sont pas remplies.")
    resources, ceiling = float(values["rsa_base_ressources"]), float(values["rsa_socle"])
    comparison = "inférieures" if resources < ceiling else "supérieures ou égales"
    sentences.append(
        f"Vos ressources retenues ({_euros(resources)} par mois sur les 3 derniers mois) sont {comparison} "
        f"au montant forfaitaire pour votre foyer ({_euros(ceiling)})."
    )
    if float(values["rsa_forfait_logement"]) > 0:
        sentences.append(
            f"Un forfait logement de {_euros(values['rsa_forfait_logement'])} est déduit "
            "(aide au logement ou logement gratuit)."
        )
    return sentences


@explainer("ppa")
def _ppa(values: Values, amount: float, situation: Situation) -> list[str]:
    earnings = float(values["ppa_revenu_activite"])
    if earnings <= 0:
        return [
            "La prime d'activité complète des revenus du travail ; aucun revenu d'activité n'est déclaré."
        ]
    sentences = [f"Vos revenus d'activité retenus sont de {_euros(earnings)} par mois (moyenne sur 3 mois)."]
    if not values["ppa_eligibilite"]:
        sentences.append(
            "Les conditions d'accès (âge, statut étudiant ou apprenti, nationalité) ne sont pas remplies."
        )
    elif amount <= 0:
        sentences.append("Vos ressources dépassent le niveau à partir duquel la prime n'est plus versée.")
    else:
        sentences.append("Vos ressources sont sous le plafond de la prime d'activité pour votre foyer.")
    return sentences


@explainer("aide_logement")
def _aide_logement(values: Values, amount: float, situation: Situation) -> list[str]:
    if situation.household.housing.value in {"proprietaire", "heberge"}:
        return ["Les aides au logement sont réservées aux locataires et à certains accédants à la propriété."]
    kind = max(("apl", "alf", "als"), key=lambda name: float(values[name]))
    sentences = [
        f"Ressources annuelles retenues : {_euros(values['aide_logement_base_ressources'])} "
        "(les 12 mois précédant l'avant-dernier mois).",
        f"Loyer retenu : {_euros(values['aide_logement_loyer_retenu'])} par mois, "
        f"{str(values['zone_apl']).replace('zone_', 'zone ')} du barème.",
    ]
    if amount > 0:
        sentences.append(f"Il s'agit de l'aide « {kind.upper()} ».")
    rls = float(values["reduction_loyer_solidarite"])
    if rls > 0:
        sentences.append(
            f"En HLM, l'aide est nette de la réduction de loyer de solidarité ({_euros(rls)} par mois), "
            "appliquée directement par le bailleur."
        )
    return sentences


@explainer("af")
def _af(values: Values, amount: float, situation: Situation) -> list[str]:
    children = int(values["af_nbenf"])
    if children < 2:
        return [f"Les allocations familiales demandent au moins 2 enfants à charge ({children} retenu)."]
    return [
        f"{children} enfants à charge sont retenus.",
        f"Le montant dépend des revenus de N-2 ({_euros(values['prestations_familiales_base_ressources'])}).",
    ]


@explainer("cf")
def _cf(values: Values, amount: float, situation: Situation) -> list[str]:
    if not values["cf_eligibilite_base"]:
        return ["Le complément familial demande au moins 3 enfants à charge âgés de 3 à 21 ans."]
    resources, ceiling = float(values["cf_base_ressources"]), float(values["cf_plafond"])
    comparison = "sous" if resources <= ceiling else "au-dessus du"
    return [f"Vos revenus de N-2 ({_euros(resources)}) sont {comparison} plafond ({_euros(ceiling)})."]


@explainer("asf")
def _asf(values: Values, amount: float, situation: Situation) -> list[str]:
    if values["asf_elig"]:
        return ["Vous élevez seul(e) un enfant privé de l'aide d'un parent : l'ASF est possible."]
    return ["L'ASF concerne le parent isolé qui élève un enfant privé de l'aide de l'autre parent."]


@explainer("aah")
def _aah(values: Values, amount: float, situation: Situation) -> list[str]:
    rate = float(values["taux_incapacite"]) * 100
    if rate < 50:
        return ["L'AAH demande un taux d'incapacité d'au moins 50 % reconnu par la MDPH."]
    sentences = [f"Taux d'incapacité déclaré : {rate:.0f} %."]
    if not values["aah_eligible"]:
        sentences.append("Les conditions d'âge ou de taux ne sont pas remplies.")
    elif amount <= 0:
        sentences.append("Vos ressources dépassent le plafond de l'AAH.")
    return sentences


@explainer("aspa")
def _aspa(values: Values, amount: float, situation: Situation) -> list[str]:
    if not values["aspa_eligibilite"]:
        return ["L'ASPA est ouverte à partir de 65 ans (ou de l'âge légal de retraite en cas d'inaptitude)."]
    resources = float(values["asi_aspa_base_ressources"])
    return [
        "La condition d'âge est remplie.",
        f"Vos ressources retenues sont de {_euros(resources)} par mois ; l'ASPA complète jusqu'au minimum vieillesse.",
    ]


@explainer("asi")
def _asi(values: Values, amount: float, situation: Situation) -> list[str]:
    if values["asi_eligibilite"]:
        return ["Vous percevez une pension d'invalidité et n'avez pas l'âge de l'ASPA."]
    return ["L'ASI est réservée aux titulaires d'une pension d'invalidité avant l'âge de l'ASPA."]


@explainer("css_sans_participation", "css_participation")
def _css(values: Values, amount: float, situation: Situation) -> list[str]:
    resources = float(values["css_cmu_base_ressources"])
    ceiling_name = "cmu_c_plafond" if "cmu_c_plafond" in values else "acs_plafond"
    return [
        f"Ressources des 12 derniers mois retenues : {_euros(resources)} ; "
        f"plafond pour votre foyer : {_euros(values[ceiling_name])}."
    ]


@explainer("ass")
def _ass(values: Values, amount: float, situation: Situation) -> list[str]:
    if values["ass_eligibilite_individu"]:
        return ["Vous avez épuisé vos droits au chômage et remplissez les conditions d'activité passée."]
    return [
        "L'ASS suppose d'avoir épuisé ses droits à l'ARE et 5 ans d'activité dans les 10 dernières années."
    ]


@explainer("cheque_energie")
def _cheque_energie(values: Values, amount: float, situation: Situation) -> list[str]:
    if situation.fiscal.rfr_n2 is not None:
        basis = f"votre revenu fiscal de référence de N-2 ({_euros(situation.fiscal.rfr_n2)})"
    else:
        basis = "un revenu fiscal de N-2 estimé à partir des revenus déclarés"
    return [f"Le chèque énergie dépend {de(basis)} et de la composition du ménage."]
