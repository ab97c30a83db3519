"""Sign-in hardening (ADR 0024): forms kept across an ended session, the second sign-in step
enforced on every page, and the security headers Django does not send itself."""

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from cairn.accounts.pending_forms import pending_form_discard, pending_form_get, pending_form_keep
from cairn.accounts.two_factor import has_confirmed_device


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware (every page needs a signed-in user unless marked
    `login_not_required`), except that a form sent after the session ended is kept: the user
    signs in again and lands on the resume page, which offers it back (pending_forms.py)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and request.user.is_authenticated:
            pending = pending_form_get(request)
            if pending is not None and pending.path == request.get_full_path():
                pending_form_discard(request)  # it has been sent again
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        if request.method == "POST" and pending_form_keep(request):
            return redirect_to_login(
                reverse("accounts:resume_form"),
                self.get_login_url(view_func),
                self.get_redirect_field_name(view_func),
            )
        return super().handle_no_permission(request, view_func)


class TwoFactorMiddleware:
    """A session signed in with a password alone reaches only the second step (enrol or enter a
    code) and sign-out, while CAIRN_REQUIRE_TWO_FACTOR is on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.CAIRN_REQUIRE_TWO_FACTOR:
            return None
        if not getattr(view_func, "login_required", True):
            return None  # open pages: the sign-in page itself
        if getattr(view_func, "two_factor_not_required", False):
            return None  # the second step and sign-out
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        step = (
            "accounts:two_factor_verify"
            if has_confirmed_device(user)
            else "accounts:two_factor_enrol"
        )
        return redirect_to_login(request.get_full_path(), reverse(step))


class SecurityHeadersMiddleware:
    """Permissions-Policy, which Django has no setting for (the others come from
    SecurityMiddleware, XFrameOptionsMiddleware and django-csp), and `Cache-Control: no-store`
    on pages for a signed-in user, so a child's record is not kept in the browser's cache (the
    back button after signing out does not show it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.CAIRN_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store")
        return response
