"""The index diet (ADR 0030): no Cairn table keeps an index that only costs writes.

Every row written pays for every index on its table. Two kinds are pure cost and must not come
back (a new ForeignKey gets an index unless it says `db_index=False`):

- an index that is a left prefix of another index on the same table: the longer index serves
  every lookup the shorter one does (e.g. (child_id) beside (child_id, visited_on));
- an index on the audit columns created_by/updated_by/removed_by (RecordModel): nothing looks
  records up by who wrote them.

The checks read PostgreSQL's catalogue, so they run on PostgreSQL only (production's database).
"""

from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="reads PostgreSQL's catalogue (pg_index); set DATABASE_URL to a PostgreSQL database",
)

AUDIT_COLUMNS = {"created_by_id", "updated_by_id", "removed_by_id"}


@dataclass(frozen=True)
class Index:
    table: str
    name: str
    columns: tuple  # column names; None for an expression
    opclasses: tuple
    method: str
    unique: bool
    partial: bool

    def __str__(self) -> str:
        return f"{self.name} ({', '.join(c or '<expression>' for c in self.columns)})"


def _cairn_tables() -> list[str]:
    """Tables of the models of Cairn's own apps (cairn.*).

    Django's auto-created many-to-many tables are left out: Django makes their indexes (a unique
    (from, to) pair and an index on each side) and a model cannot tune them; today the only ones
    are accounts_user_groups and accounts_user_user_permissions, from AbstractUser.
    """
    return sorted(
        {
            model._meta.db_table
            for config in apps.get_app_configs()
            if config.name.startswith("cairn.")
            for model in config.get_models()
            if model._meta.managed and not model._meta.proxy
        }
    )


def _indexes(tables: list[str]) -> list[Index]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            select t.relname, ix.relname,
                   array(select a.attname
                         from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                         left join pg_attribute a
                           on a.attrelid = i.indrelid and a.attnum = k.attnum and k.attnum > 0
                         order by k.ord),
                   i.indclass::oid[], am.amname, i.indisunique, i.indpred is not null
            from pg_index i
            join pg_class t on t.oid = i.indrelid
            join pg_class ix on ix.oid = i.indexrelid
            join pg_am am on am.oid = ix.relam
            join pg_namespace n on n.oid = t.relnamespace
            where n.nspname = current_schema() and t.relname = any(%s)
            order by t.relname, ix.relname
            """,
            [tables],
        )
        return [
            Index(table, name, tuple(columns), tuple(opclasses), method, unique, partial)
            for table, name, columns, opclasses, method, unique, partial in cursor.fetchall()
        ]


def _redundant(indexes: list[Index]) -> list[str]:
    """Each non-unique, non-partial index that is a strict left prefix of another non-partial
    index on its table (same access method, same operator classes on the shared columns)."""
    found = []
    for short in indexes:
        if short.unique or short.partial or None in short.columns:
            continue
        n = len(short.columns)
        for long in indexes:
            if (
                long.table == short.table
                and long.name != short.name
                and not long.partial
                and long.method == short.method
                and len(long.columns) > n
                and long.columns[:n] == short.columns
                and long.opclasses[:n] == short.opclasses
            ):
                found.append(f"{short.table}: {short} is a left prefix of {long}")
                break
    return found


@postgresql_only
@pytest.mark.django_db
def test_cairn_tables_are_found():
    # Guards the checks below against passing on an empty list.
    tables = _cairn_tables()
    assert {"core_auditevent", "casework_visit", "workforce_allocation"} <= set(tables)
    assert len(_indexes(tables)) > len(tables)


@postgresql_only
@pytest.mark.django_db
def test_no_index_is_a_left_prefix_of_another():
    redundant = _redundant(_indexes(_cairn_tables()))
    assert not redundant, (
        "Indexes served by a longer index on the same table (set db_index=False on the field, "
        "ADR 0030):\n" + "\n".join(redundant)
    )


@postgresql_only
@pytest.mark.django_db
def test_no_index_on_the_audit_columns():
    audit_indexed = [
        f"{index.table}: {index}"
        for index in _indexes(_cairn_tables())
        if AUDIT_COLUMNS & set(index.columns)
    ]
    assert not audit_indexed, (
        "Indexes on created_by/updated_by/removed_by (RecordModel's keys have db_index=False, "
        "ADR 0030):\n" + "\n".join(audit_indexed)
    )


def test_the_prefix_rule_finds_a_covered_index():
    # The rule itself, on the shape the diet removed: (child_id) beside (child_id, visited_on).
    single = Index("t", "t_child", ("child_id",), (1,), "btree", False, False)
    pair = Index("t", "t_child_on", ("child_id", "visited_on"), (1, 2), "btree", False, False)
    unique = Index("t", "t_child_u", ("child_id",), (1,), "btree", True, False)
    partial = Index("t", "t_pair_p", ("child_id", "visited_on"), (1, 2), "btree", False, True)

    assert _redundant([single, pair]) == [
        "t: t_child (child_id) is a left prefix of t_child_on (child_id, visited_on)"
    ]
    assert _redundant([unique, pair]) == []
    assert _redundant([single, partial]) == []
    assert _redundant([pair, single]) == [_redundant([single, pair])[0]]


@pytest.mark.django_db
def test_every_declared_constraint_and_index_is_in_the_database():
    """Dropping a foreign key's index must not take a constraint with it: Django's AlterField
    finds the index to drop by its column, and a partial unique constraint on that one column
    (one open episode per child) matches too. Checked on both databases."""
    missing = []
    with connection.cursor() as cursor:
        for table in _cairn_tables():
            present = set(connection.introspection.get_constraints(cursor, table))
            model = next(m for m in apps.get_models() if m._meta.db_table == table)
            declared = [c.name for c in model._meta.constraints] + [
                i.name for i in model._meta.indexes
            ]
            missing += [f"{table}.{name}" for name in declared if name not in present]
    assert missing == []
