"""The shared cache's table (settings.CACHES, ADR 0029), made with Django's createcachetable so
every `migrate` (demo, tests, CI, a council's upgrade) has it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_externalreference")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
