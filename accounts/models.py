import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class User(AbstractUser):
    """Anyone who logs in.

    Citizens come from FranceConnect and are identified by the provider's `sub` only (never by
    e-mail, which the person can change at FranceConnect); agency agents log in by e-mail.
    """

    class Kind(models.TextChoices):
        CITIZEN = "citizen", "Usager"
        AGENT = "agent", "Agent d'un organisme"

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CITIZEN)
    fc_sub = models.CharField(
        "identifiant FranceConnect (sub)", max_length=255, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "utilisateur"
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=models.Q(kind="agent"), name="accounts_agent_email_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="citizen")
                | models.Q(fc_sub__isnull=False)
                | models.Q(is_staff=True),
                name="accounts_citizen_has_fc_sub",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.username


class CitizenIdentity(models.Model):
    """The identité pivot FranceConnect gave at the last login, as the provider sent it.

    The birth date is kept as text because FranceConnect sends presumed dates with `00` for an
    unknown day or month, which no date type can hold.
    """

    class Gender(models.TextChoices):
        FEMALE = "female", "Femme"
        MALE = "male", "Homme"
        UNKNOWN = "", "Non renseigné"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="identity")
    given_name = models.CharField("prénoms", max_length=255)
    family_name = models.CharField("nom de naissance", max_length=255)
    preferred_username = models.CharField("nom d'usage", max_length=255, blank=True)
    birthdate = models.CharField("date de naissance", max_length=10)
    gender = models.CharField("sexe", max_length=8, choices=Gender.choices, blank=True)
    birthplace = models.CharField("commune de naissance (code INSEE)", max_length=5, blank=True)
    birthcountry = models.CharField("pays de naissance (code INSEE)", max_length=5, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "identité FranceConnect"
        verbose_name_plural = "identités FranceConnect"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.given_name.split(" ")[0] if self.given_name else ""
        last = self.preferred_username or self.family_name
        return f"{first} {last}".strip()

    @property
    def birth_year(self) -> int:
        return int(self.birthdate[:4])

    @property
    def birth_date(self):
        """The birth date as a date, or None when it is presumed (day or month unknown)."""
        year, month, day = (int(part) for part in self.birthdate.split("-"))
        if not month or not day:
            return None
        return dt.date(year, month, day)


class DeviceSession(models.Model):
    """A browser where a citizen is logged in, for the list of their devices on "Mon compte".

    Keyed by the session's key, so that the person can end the sessions of their other devices; the
    device is a coarse description of the User-Agent ("Firefox sur Linux"), which is not kept, nor
    is the IP address. A row goes with its session: at logout, when the person ends it from another
    device, and at their next login for sessions that expired meanwhile.
    """

    session_key = models.CharField(max_length=40, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="device_sessions")
    device = models.CharField("appareil", max_length=80)
    started_at = models.DateTimeField("connecté le")
    last_seen_at = models.DateTimeField("dernière activité le")

    class Meta:
        verbose_name = "appareil connecté"
        verbose_name_plural = "appareils connectés"

    def __str__(self) -> str:
        return self.device
