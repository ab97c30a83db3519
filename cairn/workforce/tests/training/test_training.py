"""Training records: added and removed by whoever keeps the staff record, audited, expiry
shown."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction
from cairn.testing.audit import assert_audited
from cairn.testing.staff_factories import TrainingRecordFactory
from cairn.workforce.models import TrainingRecord
from cairn.workforce.services.staff import training_record_create

pytestmark = pytest.mark.django_db


def test_records_training_with_an_audit_record(users):
    manager, worker = users[Role.TEAM_MANAGER], users[Role.SOCIAL_WORKER]
    record = training_record_create(
        actor=manager,
        staff=worker,
        course="Court skills",
        completed_on=dt.date(2026, 2, 2),
        expires_on=dt.date(2029, 2, 2),
    )
    assert_audited(instance=record, action=AuditAction.CREATE, actor=manager)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"course": " "}, "course", "Enter the name of the course"),
        ({"completed_on": None}, "completed_on", "Enter the date the course was completed"),
        (
            {"expires_on": dt.date(2026, 2, 2)},
            "expires_on",
            "The expiry date must be after the date completed",
        ),
    ],
)
def test_refuses_and_writes_nothing(users, fields, field, message):
    details = {"course": "Court skills", "completed_on": dt.date(2026, 2, 2)} | fields
    with pytest.raises(ValidationError) as refused:
        training_record_create(
            actor=users[Role.TEAM_MANAGER], staff=users[Role.SOCIAL_WORKER], **details
        )
    assert refused.value.message_dict[field] == [message]
    assert not TrainingRecord.objects.exists()


def test_the_staff_page_shows_expired_training_and_the_manager_removes_it(client, users):
    worker = users[Role.SOCIAL_WORKER]
    record = TrainingRecordFactory(
        staff=worker, completed_on=dt.date(2022, 1, 10), expires_on=dt.date(2025, 1, 10)
    )
    client.force_login(users[Role.TEAM_MANAGER])
    page = client.get(reverse("workforce:staff_detail", args=[worker.pk])).content.decode()
    assert "10 January 2025" in page
    assert "Expired" in page

    response = client.post(
        reverse("workforce:training_remove", args=[record.pk]), {"reason": "Entered twice"}
    )
    assert response.status_code == 302
    assert not TrainingRecord.objects.filter(pk=record.pk).exists()
    assert_audited(instance=record, action=AuditAction.REMOVE, actor=users[Role.TEAM_MANAGER])


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.QA_OFFICER, Role.SENIOR_LEADER])
def test_others_cannot_add_training(client, users, role):
    client.force_login(users[role])
    url = reverse("workforce:training_add", args=[users[Role.SOCIAL_WORKER].pk])
    assert client.get(url).status_code == 403
