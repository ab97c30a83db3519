"""Plans: an outcome remembers the outcome it was copied from (ratings over time), and the plan
content rows' link to their plan version is named plan_version, so `version` is again the
RecordModel edit counter used by the version check."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="outcome", old_name="version", new_name="plan_version"),
        migrations.RenameField(model_name="action", old_name="version", new_name="plan_version"),
        migrations.RenameField(
            model_name="contingency", old_name="version", new_name="plan_version"
        ),
        migrations.AddField(
            model_name="outcome",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="action",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="contingency",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AlterModelOptions(
            name="outcome",
            options={"ordering": ["plan_version", "position"]},
        ),
        migrations.AlterModelOptions(
            name="action",
            options={"ordering": ["plan_version", "due_on", "id"]},
        ),
        migrations.AddField(
            model_name="outcome",
            name="previous",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "The same outcome in the version this one was copied from (ratings over time)"
                ),
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="casework.outcome",
            ),
        ),
    ]
