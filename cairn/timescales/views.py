from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from rules.contrib.views import permission_required

from cairn.timescales.forms import RuleSettingForm
from cairn.timescales.models import Rule
from cairn.timescales.selectors import rule_get, rule_list_with_values, rule_setting_history
from cairn.timescales.services import rule_setting_set


@permission_required("timescales.manage_rules", raise_exception=True)
def rule_list(request: HttpRequest) -> HttpResponse:
    """The rule catalogue with the council's values and each team's own."""
    return render(request, "timescales/rule_list.html", {"rows": rule_list_with_values()})


@permission_required("timescales.manage_rules", raise_exception=True)
def rule_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Change a local rule's value for the council or a team; statutory rules are read-only."""
    try:
        rule = rule_get(code=code)
    except Rule.DoesNotExist:
        raise Http404("No such rule") from None
    form = None
    if rule.editable:
        form = RuleSettingForm(request.POST or None, rule=rule)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                rule_setting_set(
                    actor=request.user, rule=rule, team=data.get("team"), value=data["value"]
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"{rule.name}: value saved.")
                return redirect("timescales:rule_edit", code=rule.code)
    context = {"rule": rule, "form": form, "history": rule_setting_history(rule=rule)}
    return render(request, "timescales/rule_edit.html", context)
