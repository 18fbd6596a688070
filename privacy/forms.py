from django import forms


class DeletionForm(forms.Form):
    confirm = forms.BooleanField(
        label="Je comprends que la suppression de mon compte est définitive",
        error_messages={"required": "Cochez la case pour confirmer la suppression de votre compte."},
    )
