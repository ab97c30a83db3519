"""Sign in (password, then a TOTP code), sign out, and the page that offers back a form sent
after the session ended (ADR 0024)."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods

from cairn.accounts import two_factor
from cairn.accounts.forms import CodeForm, SignInForm
from cairn.accounts.lockout import (
    failure_record,
    failures_clear,
    is_locked_out,
    locked_by_last_failure,
    lockout_message,
)
from cairn.accounts.pending_forms import pending_form_discard, pending_form_get


def two_factor_not_required(view):
    """Mark a view reachable by a session signed in with a password alone (middleware.py)."""
    view.two_factor_not_required = True
    return view


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if not settings.CAIRN_REQUIRE_TWO_FACTOR:
            failures_clear(username=form.get_user().get_username())
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.locked_out:
            response.status_code = 429
        return response

    def get_success_url(self):
        url = super().get_success_url()
        if not settings.CAIRN_REQUIRE_TWO_FACTOR:
            return url
        step = (
            "accounts:two_factor_verify"
            if two_factor.has_confirmed_device(self.request.user)
            else "accounts:two_factor_enrol"
        )
        return f"{reverse(step)}?{urlencode({'next': url})}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            form_kept=pending_form_get(self.request) is not None,
            idle_minutes=settings.SESSION_COOKIE_AGE // 60,
        )


@method_decorator(two_factor_not_required, name="dispatch")
class SignOutView(auth_views.LogoutView):
    pass


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _code_step(request: HttpRequest, *, device, template: str, context: dict) -> HttpResponse:
    """The shared POST/GET handling of the two code pages."""
    user = request.user
    next_url = _next_url(request)
    form = CodeForm(request.POST or None, submit_label=context.pop("submit_label"))
    if request.method == "POST":
        if is_locked_out(request, username=user.get_username()):
            return _signed_out_locked(request)
        if form.is_valid():
            wait = two_factor.wait_seconds(device)
            if wait:
                form.add_error(
                    "otp_token", f"Too many wrong codes. Wait {wait} seconds, then try again"
                )
            elif two_factor.code_check(
                request=request, user=user, device=device, code=form.cleaned_data["otp_token"]
            ):
                failures_clear(username=user.get_username())
                return redirect(next_url)
            else:
                failure_record(request, username=user.get_username(), reason="two-factor code")
                if locked_by_last_failure(request):
                    return _signed_out_locked(request)
                form.add_error(
                    "otp_token",
                    "The code is not correct. Enter the code your authenticator app shows now",
                )
    return render(request, template, {**context, "form": form, "next": next_url})


def _signed_out_locked(request: HttpRequest) -> HttpResponse:
    logout(request)
    context = {"form": SignInForm(request), "locked_message": lockout_message()}
    return render(request, "accounts/sign_in.html", context, status=429)


@two_factor_not_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the app the user has set up."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('accounts:two_factor_enrol')}?{request.GET.urlencode()}")
    return _code_step(
        request,
        device=device,
        template="accounts/two_factor_verify.html",
        context={"submit_label": "Continue"},
    )


@two_factor_not_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app, the first time a user signs in: a QR code (and the secret
    as text), confirmed by the first code the app shows."""
    if request.user.is_verified() or two_factor.has_confirmed_device(request.user):
        return redirect(f"{reverse('accounts:two_factor_verify')}?{request.GET.urlencode()}")
    device = two_factor.enrolment_device(request.user)
    return _code_step(
        request,
        device=device,
        template="accounts/two_factor_enrol.html",
        context={
            "submit_label": "Set up and continue",
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_text(device),
        },
    )


@require_http_methods(["GET", "POST"])
def resume_form(request: HttpRequest) -> HttpResponse:
    """After signing in again: the form the user sent when their session had ended, to send
    again (to the page it came from) or discard."""
    pending = pending_form_get(request)
    if request.method == "POST":
        pending_form_discard(request)
        return redirect(settings.LOGIN_REDIRECT_URL)
    if pending is None:
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/resume_form.html", {"pending": pending})
