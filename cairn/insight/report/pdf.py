"""The report as a PDF, made with WeasyPrint from an HTML template with print CSS (ADR 0028).

It is drawn from the snapshot alone, so the PDF and the issued page show the same figures.
"""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from cairn.insight.report.presenters import report_measures


def report_pdf_render(*, report, snapshot: dict, issued_at=None, issued_by: str = "") -> bytes:
    """The PDF bytes of `report` with the figures in `snapshot`."""
    html = render_to_string(
        "insight/report_pdf.html",
        {
            "report": report,
            "snapshot": snapshot,
            "measures": report_measures(snapshot, charts=True),
            "issued_at": issued_at,
            "issued_by": issued_by,
            "council_name": settings.CAIRN_COUNCIL_NAME,
        },
    )
    return HTML(string=html).write_pdf()
