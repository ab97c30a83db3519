"""Form building blocks shared by every app."""

from crispy_forms_gds.fields import DateInputField


def date_field(*, label: str, required: bool = True, required_message: str = "", **kwargs):
    """A GOV.UK date input (day, month, year) with a message that names the date."""
    field = DateInputField(label=label, required=required, **kwargs)
    if required_message:
        field.error_messages = {**field.error_messages, "required": required_message}
    return field
