"""The partners' simulation API: input validated field by field, then by the engine's own model."""

from __future__ import annotations

from django.utils.functional import lazy
from rest_framework import serializers

from simulator.engine.catalogue import load_catalogue
from simulator.engine.situation import (
    MAX_CHILDREN,
    MAX_MONTHLY_AMOUNT,
    MAX_RENT,
    MONTH_RE,
    Activity,
    CoupleStatus,
    Housing,
    IncomeKind,
    Role,
    SchoolLevel,
    today,
)

AMOUNT = {"max_digits": 9, "decimal_places": 2, "min_value": 0, "max_value": MAX_MONTHLY_AMOUNT}


# The three cities split into arrondissements: the benefits (Paris's own aids, housing aid's local
# rules) are known by arrondissement, so the engine needs that code.
WHOLE_CITIES = {
    "75056": "Paris : indiquez le code de l'arrondissement, de 75101 (1er) à 75120 (20e).",
    "69123": "Lyon : indiquez le code de l'arrondissement, de 69381 (1er) à 69389 (9e).",
    "13055": "Marseille : indiquez le code de l'arrondissement, de 13201 (1er) à 13216 (16e).",
}


def _rounding() -> str:
    """How ``amount`` is rounded, from the catalogue's own steps (``floor_at``)."""
    tens = [benefit.key for benefit in load_catalogue() if benefit.floor_at == 10]
    return (
        f"Rounded down, as shown to people: to a multiple of 10 € for {', '.join(tens)}, to the euro "
        "otherwise; a positive amount under that step is rounded down to the euro, never to 0. None "
        "for an eligibility-only benefit; `amount_unrounded` gives the engine's amount to the cent."
    )


def _choices(enum) -> list[str]:
    return [member.value for member in enum]


class IncomeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=_choices(IncomeKind))
    amounts = serializers.DictField(
        child=serializers.DecimalField(**AMOUNT),
        allow_empty=False,
        help_text=(
            'Net amount per month, keyed "YYYY-MM". The engine reads months back to January of year N-2 '
            "(the N-2 resources of the allocations familiales, complément familial, housing aid, bourses "
            "and chèque énergie): months before the first one given are filled with the average of the "
            "months given, a month inside the range but absent counts as 0, and the simulated month repeats "
            "the last month given. To state the N-2 resources exactly, give the months of year N-2, or "
            "`fiscal.rfr_n2`."
        ),
    )
    monthly_hours = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=1,
        max_value=300,
        required=False,
        help_text="Paid hours per month of a salary (151.67 is the legal full time).",
    )

    def validate_amounts(self, value):
        for month in value:
            if not MONTH_RE.match(month):
                raise serializers.ValidationError(f"Le mois « {month} » doit être au format AAAA-MM.")
        return value


class PersonSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=40)
    role = serializers.ChoiceField(choices=_choices(Role))
    birth_date = serializers.DateField()
    activity = serializers.ChoiceField(choices=_choices(Activity), default=Activity.INACTIF.value)
    disability_rate = serializers.IntegerField(min_value=0, max_value=100, default=0)
    student = serializers.BooleanField(default=False)
    scholarship = serializers.BooleanField(default=False)
    school_level = serializers.ChoiceField(choices=_choices(SchoolLevel), required=False, allow_null=True)
    jobseeker_since = serializers.DateField(required=False, allow_null=True)
    incomes = IncomeSerializer(many=True, default=list)

    def validate_birth_date(self, value):
        if value > today():
            raise serializers.ValidationError("La date de naissance ne peut pas être dans le futur.")
        return value


class HouseholdSerializer(serializers.Serializer):
    depcom = serializers.RegexField(
        r"^(\d{5}|2[ABab]\d{3})$",
        help_text="INSEE commune code (COG), not a postcode: 75119, 2A004.",
        error_messages={"invalid": "Le code commune INSEE doit compter 5 caractères (ex. 75119, 2A004)."},
    )
    postcode = serializers.RegexField(r"^\d{5}$", required=False, allow_null=True)
    housing = serializers.ChoiceField(choices=_choices(Housing))
    rent = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, max_value=MAX_RENT, required=False, allow_null=True
    )
    colocation = serializers.BooleanField(default=False)
    couple = serializers.ChoiceField(choices=_choices(CoupleStatus), required=False, allow_null=True)

    def validate_depcom(self, value):
        from simulator.communes import commune_by_code

        if value in WHOLE_CITIES:
            raise serializers.ValidationError(WHOLE_CITIES[value])
        if commune_by_code(value) is None:
            raise serializers.ValidationError("Commune inconnue du Code officiel géographique 2026.")
        return value.upper()


class ReceivedSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=64)
    monthly_amount = serializers.DecimalField(**AMOUNT)
    since = serializers.DateField(required=False, allow_null=True)


class FiscalSerializer(serializers.Serializer):
    rfr_n2 = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, max_value=10_000_000, required=False, allow_null=True
    )


class SituationSerializer(serializers.Serializer):
    month = serializers.RegexField(
        r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        help_text="Simulated month, YYYY-MM (default: this month).",
    )
    persons = PersonSerializer(many=True, allow_empty=False, max_length=MAX_CHILDREN + 2)
    household = HouseholdSerializer()
    received = ReceivedSerializer(many=True, default=list)
    fiscal = FiscalSerializer(required=False)

    def validate_month(self, value: str) -> str:
        # OpenFisca fails with a server error on months it cannot represent (year 1, year 9999); a
        # simulation is about the present: from two years back to one year ahead.
        this_month = today().year * 12 + today().month - 1
        year, month = (int(part) for part in value.split("-"))
        if not this_month - 24 <= year * 12 + month - 1 <= this_month + 12:
            raise serializers.ValidationError(
                "Le mois simulé doit être compris entre il y a deux ans et dans un an (format AAAA-MM)."
            )
        return value


class BenefitSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    eligible = serializers.BooleanField()
    amount = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        allow_null=True,
        help_text=lazy(_rounding, str)(),  # the catalogue needs the OpenFisca system: not at import
    )
    amount_unrounded = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        allow_null=True,
        help_text="The engine's amount to the cent, before rounding.",
    )
    unit = serializers.CharField(allow_null=True)
    period = serializers.CharField()
    periodicity = serializers.ChoiceField(choices=["mensuelle", "annuelle", "ponctuelle"])
    already_received = serializers.BooleanField()
    explanation = serializers.ListField(child=serializers.CharField())


class ResultSerializer(serializers.Serializer):
    month = serializers.CharField()
    benefits = BenefitSerializer(many=True)
    assumptions = serializers.ListField(child=serializers.CharField())


class ErrorsSerializer(serializers.Serializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='Messages in French by field path, e.g. {"persons.0.birth_date": ["..."]}.',
    )
