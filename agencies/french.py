"""French prepositions before a name: elision and contraction, in one place.

"de" + "Ajaccio" is "d'Ajaccio", "de" + "le Département" is "du Département", "à" + "les Impôts" is
"aux Impôts". Organisms carry their article in the registry
(`Organism.with_article`: "la CAF", "l'Assurance Maladie", "France Travail"), so that
`de(organism.with_article)` reads "de la CAF", "de l'Assurance Maladie", "de France Travail".

Plain Python (no Django): the simulator's engine uses it too. The template filters are in
`agencies.templatetags.french`.
"""

# An initial h is left alone: French has as many aspirated h ("de Haguenau") as silent ones.
VOWELS = frozenset("aeiouyàâäéèêëîïôöûüœæ")
CONTRACTIONS = {"de": {"le": "du", "les": "des"}, "à": {"le": "au", "les": "aux"}}


def _elides(word: str) -> bool:
    return bool(word) and word[0].lower() in VOWELS


def _joined(preposition: str, words: str) -> str:
    words = words.strip()
    first, _, rest = words.partition(" ")
    contracted = CONTRACTIONS.get(preposition, {}).get(first.lower())  # "Le Havre": "du Havre"
    if contracted and rest:
        return f"{contracted} {rest}"
    if preposition == "de" and _elides(words):
        return f"{preposition[:-1]}'{words}"
    return f"{preposition} {words}"


def de(words: str) -> str:
    """ "de Paris", "d'Ajaccio", "de la CAF", "de l'Assurance Maladie", "du Département"."""
    return _joined("de", words)


def a(words: str) -> str:
    """ "à la CAF", "à l'Assurance Maladie", "à France Travail", "au Département", "aux Impôts"."""
    return _joined("à", words)


MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def french_date(date) -> str:
    """A date in words, as French writes it: "1er janvier 2027", "15 janvier 2027"."""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {MONTHS[date.month - 1]} {date.year}"
