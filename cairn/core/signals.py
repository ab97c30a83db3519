"""Keep the Code table in step with cairn/core/codelists.py after every migrate."""

from cairn.core.codelists import CODE_LISTS
from cairn.core.models import Code


def sync_code_lists(sender, using="default", **kwargs) -> None:
    existing = {(c.list_name, c.code): c for c in Code.objects.using(using).all()}
    to_create, to_update = [], []
    for list_name, codes in CODE_LISTS.items():
        for order, (code, label) in enumerate(codes):
            row = existing.get((list_name, code))
            if row is None:
                to_create.append(
                    Code(list_name=list_name, code=code, label=label, sort_order=order)
                )
            elif (row.label, row.sort_order) != (label, order):
                row.label, row.sort_order = label, order
                to_update.append(row)
    Code.objects.using(using).bulk_create(to_create)
    Code.objects.using(using).bulk_update(to_update, ["label", "sort_order"])
