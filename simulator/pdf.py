"""The printable synthesis of the results (WeasyPrint)."""

from django.template.loader import render_to_string
from django.utils import timezone


def results_pdf(*, view, resume_url: str = "") -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "simulator/results_pdf.html", {"view": view, "now": timezone.localtime(), "resume_url": resume_url}
    )
    return HTML(string=html).write_pdf()
