"""The audit log's, the access log's and the external references' keys carry no database
constraint (ADR 0031), and the ORM still refuses to delete what a log row names."""

import pytest
from django.db import connection
from django.db.models import ProtectedError

from cairn.core.audit import audit_created, record_access
from cairn.core.models import AccessEvent, AuditEvent, ExternalReference
from cairn.testing.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

LOG_KEYS = {
    AuditEvent: {"actor_id", "content_type_id", "person_id"},
    AccessEvent: {"actor_id", "person_id"},
    ExternalReference: {"content_type_id"},
}


def test_the_log_tables_have_no_foreign_key_constraints():
    with connection.cursor() as cursor:
        for model, columns in LOG_KEYS.items():
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
            constrained = {
                column for c in constraints.values() if c["foreign_key"] for column in c["columns"]
            }
            assert constrained & columns == set(), model


def test_a_user_or_person_named_by_a_log_cannot_be_deleted():
    user, viewer = UserFactory(), UserFactory()
    child = PersonFactory()
    audit_created(actor=user, instance=child, person=child)
    record_access(actor=viewer, person=child, page="record")
    for named in (user, viewer, child):
        with pytest.raises(ProtectedError):
            named.delete()
    assert AuditEvent.objects.filter(actor=user, person=child).exists()
    assert AccessEvent.objects.filter(actor=viewer, person=child).exists()
