"""The Code table is kept in step with cairn/core/codelists.py after every migrate."""

from collections import Counter

import pytest

from cairn.core.codelists import CODE_LISTS, choices, is_valid, label
from cairn.core.models import Code
from cairn.core.signals import sync_code_lists

pytestmark = pytest.mark.django_db


def test_after_migrate_the_code_table_matches_the_code_lists():
    in_db = Counter(Code.objects.values_list("list_name", flat=True))
    assert in_db == Counter({name: len(codes) for name, codes in CODE_LISTS.items()})
    rows = {(c.list_name, c.code): (c.label, c.sort_order) for c in Code.objects.all()}
    for name, codes in CODE_LISTS.items():
        for order, (code, text) in enumerate(codes):
            assert rows[(name, code)] == (text, order)


def test_sync_repairs_changed_labels_and_restores_missing_codes():
    Code.objects.filter(list_name="sex", code="F").update(label="Wrong", sort_order=9)
    Code.objects.filter(list_name="disability", code="AUT").delete()

    sync_code_lists(sender=None)

    assert Code.objects.get(list_name="sex", code="F").label == "Female"
    assert Code.objects.get(list_name="sex", code="F").sort_order == 1
    assert Code.objects.filter(list_name="disability", code="AUT").exists()
    assert Code.objects.count() == sum(len(codes) for codes in CODE_LISTS.values())


def test_code_helpers():
    assert label("ethnicity", "WBRI") == "White British"
    assert label("ethnicity", "XXXX") == "XXXX"
    assert is_valid("disability", "AUT")
    assert not is_valid("disability", "AUTISM")
    assert choices("sex")[0] == ("M", "Male")
