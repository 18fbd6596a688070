from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.models import Authenticator
from django import forms
from django.core.cache import cache
from dsfr.forms import DsfrBaseForm


class InvitationForm(DsfrBaseForm):
    email = forms.EmailField(
        label="Adresse e-mail professionnelle de l'agent",
        help_text="Format attendu : prenom.nom@organisme.fr. L'agent recevra un lien pour choisir son mot "
        "de passe.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class _UsedCodeKeptForItsWindow:
    """allauth marks an accepted TOTP code as used for one period (30 s), but with
    `MFA_TOTP_TOLERANCE` the code stays valid for 2 × tolerance + 1 periods: without this, a code
    seen over an agent's shoulder could open a second session 30 to 60 s later. The mark is the
    library's own; only its lifetime is extended to the whole window in which the code is accepted.
    """

    def clean_code(self) -> str:
        code = super().clean_code()
        if self.authenticator.type == Authenticator.Type.TOTP:
            window = mfa_settings.TOTP_PERIOD * (2 * mfa_settings.TOTP_TOLERANCE + 1)
            cache.touch(self.authenticator.wrap()._get_used_cache_key(code), timeout=window)
        return code


class AgentAuthenticateForm(_UsedCodeKeptForItsWindow, AuthenticateForm):
    pass


class AgentReauthenticateForm(_UsedCodeKeptForItsWindow, ReauthenticateForm):
    pass
