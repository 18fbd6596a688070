from django import forms
from dsfr.forms import DsfrBaseForm


class InvitationForm(DsfrBaseForm):
    email = forms.EmailField(
        label="Adresse e-mail professionnelle de l'agent",
        help_text="Format attendu : prenom.nom@organisme.fr. L'agent recevra un lien pour choisir son mot "
        "de passe.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
