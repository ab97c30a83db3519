"""Migration operations Django does not have.

`DropForeignKeyIndexes` drops the index Django made for each foreign key, and nothing else (ADR
0030). `AlterField(db_index=False)` does that too, but on PostgreSQL it also drops and re-adds
the foreign key constraint, and re-adding it checks every row of the table under a lock that
blocks writes to the table and to the table it points at (for the audit keys, the users table),
until the migration's transaction ends; on SQLite it copies the whole table. Use it as the
database side of a `SeparateDatabaseAndState` whose state side is the `AlterField`s.
"""

from django.db.migrations.operations.base import Operation
from django.db.models import Index


class DropForeignKeyIndexes(Operation):
    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, fields: list[str]):
        self.model_name = model_name
        self.fields = list(fields)

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.model_name, self.fields], {})

    def state_forwards(self, app_label, state):
        pass  # The AlterFields beside it change the state.

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        # The same search AlterField makes: the single-column, non-unique plain index on the
        # column, not one declared in Meta.indexes.
        declared = {index.name for index in model._meta.indexes}
        for name in self.fields:
            column = model._meta.get_field(name).column
            for index_name in schema_editor._constraint_names(
                model, [column], index=True, unique=False, type_=Index.suffix, exclude=declared
            ):
                schema_editor.execute(schema_editor._delete_index_sql(model, index_name))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        for name in self.fields:
            field = model._meta.get_field(name)
            schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))

    def describe(self):
        return f"Drop the foreign key indexes of {self.model_name} on {', '.join(self.fields)}"

    @property
    def migration_name_fragment(self):
        return f"drop_fk_indexes_{self.model_name}"
