"""The catalogue as data, the local values service and the settings pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction
from cairn.testing.audit import assert_audited
from cairn.testing.factories import TeamFactory, UserFactory
from cairn.timescales.catalogue import CATALOGUE
from cairn.timescales.models import Rule, RuleSetting
from cairn.timescales.services import rule_setting_set
from cairn.timescales.values import RuleValues, rule_value

pytestmark = pytest.mark.django_db


def test_every_catalogue_rule_is_synced_with_its_kind_and_default():
    rules = {rule.code: rule for rule in Rule.objects.all()}
    assert set(rules) == set(CATALOGUE)
    assert (rules["CIN_VISIT_DUE"].kind, rules["CIN_VISIT_DUE"].default_value) == ("local", 20)
    assert rules["ASSESSMENT_45WD"].kind == "statutory"
    assert not rules["ASSESSMENT_45WD"].editable
    assert rules["PLO_DURATION"].evaluated
    assert rules["PROCEEDINGS_26W"].evaluated
    assert not rules["SUPERVISION_DUE"].editable  # kept in the workforce standards


def test_set_change_and_clear_a_value_with_history(admin):
    rule = Rule.objects.get(code="CIN_VISIT_DUE")
    team = TeamFactory()
    setting = rule_setting_set(actor=admin, rule=rule, value=15)
    assert_audited(instance=setting, action=AuditAction.CREATE, actor=admin)
    changed = rule_setting_set(actor=admin, rule=rule, value=12)
    assert_audited(instance=changed, action=AuditAction.UPDATE, actor=admin, fields={"value"})
    rule_setting_set(actor=admin, rule=rule, team=team, value=25)
    values = RuleValues.load()
    assert (values.council("CIN_VISIT_DUE"), values.team("CIN_VISIT_DUE", team.pk)) == (12, 25)
    assert rule_value("CIN_VISIT_DUE", team_id=TeamFactory().pk) == 12
    assert rule_setting_set(actor=admin, rule=rule, value=None) is None
    assert rule_value("CIN_VISIT_DUE") == 20
    assert RuleSetting.all_objects.filter(rule=rule, team=None).count() == 1  # kept, removed


@pytest.mark.parametrize(
    ("code", "team", "value", "message"),
    [
        ("ASSESSMENT_45WD", False, 40, "is fixed"),
        ("SUPERVISION_DUE", False, 2, "is fixed"),
        ("CP_PLAN_LONG", True, 12, "one value for the whole council"),
        ("CIN_VISIT_DUE", False, 0, "whole number from 1"),
    ],
)
def test_refusals(admin, code, team, value, message):
    with pytest.raises(ValidationError, match=message):
        rule_setting_set(
            actor=admin,
            rule=Rule.objects.get(code=code),
            team=TeamFactory() if team else None,
            value=value,
        )
    assert not RuleSetting.objects.exists()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM_ADMIN])
def test_only_an_administrator_may_change_values(role):
    with pytest.raises(PermissionDenied):
        rule_setting_set(
            actor=UserFactory(role=role), rule=Rule.objects.get(code="CIN_VISIT_DUE"), value=9
        )


def test_pages_for_the_administrator(client, admin, django_assert_max_num_queries):
    client.force_login(admin)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("timescales:rule_list"))
    assert page.status_code == 200
    assert "Child in need visit" in page.content.decode()
    url = reverse("timescales:rule_edit", args=["CIN_VISIT_DUE"])
    refused = client.post(url, {"value": "0"})
    assert "The value must be 1 or more" in refused.content.decode()
    assert not RuleSetting.objects.exists()
    saved = client.post(url, {"value": "15", "team": ""}, follow=True)
    assert RuleSetting.objects.get().value == 15
    assert "value: 20" not in saved.content.decode()
    assert "15" in saved.content.decode()
    fixed = client.get(reverse("timescales:rule_edit", args=["ASSESSMENT_45WD"]))
    assert "This rule is fixed" in fixed.content.decode()
    assert client.get(reverse("timescales:rule_edit", args=["NOPE"])).status_code == 404


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER])
def test_pages_refused_to_other_roles(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("timescales:rule_list")).status_code == 403
    url = reverse("timescales:rule_edit", args=["CIN_VISIT_DUE"])
    assert client.post(url, {"value": "3"}).status_code == 403
    assert not RuleSetting.objects.exists()
