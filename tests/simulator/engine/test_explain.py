"""The explanations read as French: prepositions elide before a vowel ("dépend d'un revenu")."""

from simulator.engine.explain import explain


def test_the_cheque_energie_depends_d_un_revenu_when_the_rfr_is_estimated(bertrand):
    [sentence] = explain("cheque_energie", {}, 0.0, bertrand)

    assert sentence.startswith("Le chèque énergie dépend d'un revenu fiscal de N-2 estimé")
    assert "dépend de un" not in sentence


def test_the_cheque_energie_depends_de_votre_rfr_when_it_is_known(jean_philippe):
    [sentence] = explain("cheque_energie", {}, 0.0, jean_philippe)

    assert sentence.startswith(
        "Le chèque énergie dépend de votre revenu fiscal de référence de N-2 (5 300 €)"
    )
