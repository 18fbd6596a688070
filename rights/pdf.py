"""The "Récapitulatif de mes droits" PDF, rendered by WeasyPrint from a template."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from rights import selectors


def summary_pdf_render(*, request: HttpRequest, user: User, views: list[selectors.RightView]) -> bytes:
    from weasyprint import HTML  # heavy import, only for this page

    identity = getattr(user, "identity", None)
    html = render_to_string(
        "rights/summary_pdf.html",
        {
            "identity": identity,
            "views": views,
            "freshness": selectors.freshness_by_source(user=user).values(),
            "generated_at": timezone.localtime(),
        },
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
