"""The subject access export as a PDF (ADR 0023): a cover page (subject, date, who produced it,
reference), then every record, with information marked for redaction highlighted and labelled,
and page numbers. Rendered with WeasyPrint from an HTML template (no browser needed)."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from cairn.governance.subject_access import ExportRecord, SubjectAccessExport

MARK_LABELS = {"third_party": "REDACT: third party", "review": "REVIEW before release"}


@dataclass(frozen=True)
class PdfRow:
    key: str
    value: str
    mark: str  # "", "third_party" or "review"
    reason: str


def _value(value) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or "")
    return "" if value is None else str(value)


def record_rows(record: ExportRecord) -> list[PdfRow]:
    """The record's fields, each with its redaction mark (a third-party mark wins over review)."""
    marks: dict[str, dict] = {}
    for mark in record.redactions:
        if mark["field"] not in marks or mark["kind"] == "third_party":
            marks[mark["field"]] = mark
    return [
        PdfRow(
            key=key,
            value=_value(value),
            mark=marks.get(key, {}).get("kind", ""),
            reason=marks.get(key, {}).get("reason", ""),
        )
        for key, value in record.fields.items()
    ]


def export_reference(export: SubjectAccessExport) -> str:
    """The reference printed on every page: person id and when the export was made."""
    return f"SAR-{export.subject.pk}-{export.generated_at:%Y%m%d-%H%M}"


def subject_access_pdf(export: SubjectAccessExport) -> bytes:
    import weasyprint  # imported here: loading pango is slow and only this download needs it

    sections = [
        (label, [(record, record_rows(record)) for record in records])
        for label, records in export.by_type()
    ]
    marked = sum(1 for r in export.records if r.redactions)
    html = render_to_string(
        "governance/subject_access_pdf.html",
        {
            "export": export,
            "sections": sections,
            "reference": export_reference(export),
            "marked": marked,
            "labels": MARK_LABELS,
        },
    )
    return weasyprint.HTML(string=html).write_pdf()
