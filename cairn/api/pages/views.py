"""The integrations and token pages (issue 11; ADR 0026). System administrators create
integrations, issue and revoke tokens; IG officers may look. Every write is a service in
`cairn/api/services.py` (attributed and audited). A new token's secret is in the POST's answer
only: it is never stored, and no page shows it again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.api import services
from cairn.api.pages.forms import ClientForm, RevokeForm, TokenIssueForm
from cairn.api.pages.selectors import client_get, client_list_with_tokens, token_get
from cairn.core import clock

MANAGE = "api.manage_integrations"


def _show_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@require_GET
@permission_required("api.view_integrations", raise_exception=True)
def integration_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/integrations.html",
        {"clients": client_list_with_tokens(), "now": clock.now()},
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def client_create(request: HttpRequest) -> HttpResponse:
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client = services.api_client_create(
                actor=request.user,
                name=data["name"],
                organisation=data["organisation"],
                role=data["role"],
                team=data["team"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, f"Integration {client.name} created: now issue it a token")
            return redirect("integrations:token_issue", pk=client.pk)
    return render(request, "api/client_create.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def token_issue(request: HttpRequest, pk: int) -> HttpResponse:
    client = client_get(pk=pk)
    if client is None:
        raise Http404
    form = TokenIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.api_token_issue(
                actor=request.user,
                client=client,
                scopes=form.cleaned_data["scopes"],
                days=form.days,
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            # Shown on this answer only (not a redirect to a page that could show it again).
            return render(
                request,
                "api/token_issued.html",
                {"client": client, "token": issued.token, "secret": issued.secret},
            )
    return render(request, "api/token_issue.html", {"client": client, "form": form})


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = token_get(pk=pk)
    if token is None:
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and token.revoked_at is None and form.is_valid():
        try:
            services.api_token_revoke(
                actor=request.user, token=token, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, f"Token {token.prefix}… for {token.client} is revoked")
            return redirect("integrations:list")
    return render(request, "api/token_revoke.html", {"token": token, "form": form})
