"""The identité pivot as the agency APIs take it in identity mode."""

from dataclasses import dataclass

# INSEE code of France as a birth country; people born abroad have no birth commune.
FRANCE = "99100"


@dataclass(frozen=True)
class PivotIdentity:
    family_name: str
    given_names: tuple[str, ...]
    birthdate: str  # YYYY-MM-DD, MM and DD may be 00 (presumed)
    gender: str  # "female", "male" or ""
    birthplace: str  # INSEE commune code, "" when abroad or unknown
    birthcountry: str

    def api_particulier_params(self) -> list[tuple[str, str]]:
        """Query parameters of API Particulier's `/identite` endpoints (repeated `prenoms[]`)."""
        year, month, day = self.birthdate.split("-")
        params: list[tuple[str, str]] = [("nomNaissance", self.family_name)]
        params += [("prenoms[]", name) for name in self.given_names[:3]]
        params.append(("anneeDateNaissance", year))
        if month != "00":
            params.append(("moisDateNaissance", month))
            if day != "00":
                params.append(("jourDateNaissance", day))
        if self.gender in {"female", "male"}:
            params.append(("sexeEtatCivil", "F" if self.gender == "female" else "M"))
        if self.birthplace:
            params.append(("codeCogInseeCommuneNaissance", self.birthplace))
        params.append(("codeCogInseePaysNaissance", self.birthcountry or FRANCE))
        return params
