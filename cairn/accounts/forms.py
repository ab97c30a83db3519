from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from cairn.accounts.lockout import is_locked_out, locked_by_last_failure, lockout_message


class SignInForm(AuthenticationForm):
    """Username and password. A locked-out username or address is refused before the password
    is checked, and the failure that locks it says so (lockout.py)."""

    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account cannot sign in",
        "locked_out": "",  # lockout_message(), which reads the setting
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked_out = False
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        # GOV.UK advises against moving focus on page load.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("username", field_width=Fluid.ONE_HALF),
            Field.text("password", field_width=Fluid.ONE_HALF),
            Submit("submit", "Sign in"),
        )

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and is_locked_out(self.request, username=username):
            raise self._locked_out()
        try:
            return super().clean()
        except ValidationError:
            if locked_by_last_failure(self.request):
                raise self._locked_out() from None
            raise

    def _locked_out(self) -> ValidationError:
        self.locked_out = True
        return ValidationError(lockout_message(), code="locked_out")


class CodeForm(forms.Form):
    """The 6-digit code from the user's authenticator app."""

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code the app shows now",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def __init__(self, *args, submit_label: str = "Continue", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("otp_token", field_width=5),
            Submit("submit", submit_label),
        )

    def clean_otp_token(self) -> str:
        code = self.cleaned_data["otp_token"].replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise ValidationError("Enter the 6-digit code from your authenticator app")
        return code
