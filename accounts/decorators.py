from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from accounts.models import User


def citizen_required(view):
    """A logged-in citizen (FranceConnect); others go to the login page or get a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url="franceconnect_login")
        if request.user.kind != User.Kind.CITIZEN:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
