"""The programme's set-up in the synthetic council: the themes and the audit tool in two
versions (version 2 adds a question on management oversight of disabled children)."""

import datetime as dt

from cairn.core.dates import add_months
from cairn.demo.context import SeedContext
from cairn.demo.quality import texts
from cairn.quality.models import AuditTool, AuditToolVersion, Question, Theme, ToolVersionStatus
from cairn.quality.services.tool import STANDARD_QUESTIONS

V2_QUESTION = "For a disabled child: does supervision track their communication and care needs?"


def _rec(ctx: SeedContext, model, **values):
    return model(created_by=ctx.actor, updated_by=ctx.actor, **values)


def create_themes(ctx: SeedContext) -> dict[str, Theme]:
    themes = [_rec(ctx, Theme, name=n, description=d) for n, d in texts.THEMES]
    ctx.writer.create(Theme, themes)
    return {t.name: t for t in themes}


def create_tool(ctx: SeedContext, *, publisher) -> tuple[AuditToolVersion, AuditToolVersion]:
    """Version 1 from the programme's start; version 2 a year later."""
    start = add_months(ctx.as_of.replace(day=1), -24)
    tool = _rec(ctx, AuditTool, name="Child-focused case audit tool")
    ctx.writer.create(AuditTool, [tool])
    v1 = _rec(
        ctx,
        AuditToolVersion,
        tool=tool,
        number=1,
        status=ToolVersionStatus.RETIRED,
        published_on=start - dt.timedelta(days=14),
        published_by=publisher,
    )
    v2 = _rec(
        ctx,
        AuditToolVersion,
        tool=tool,
        number=2,
        status=ToolVersionStatus.PUBLISHED,
        published_on=add_months(start, 12),
        published_by=publisher,
        change_summary="Added a question on management oversight of disabled children",
    )
    ctx.writer.create(AuditToolVersion, [v1, v2])
    questions = []
    for version in (v1, v2):
        for domain, items in STANDARD_QUESTIONS.items():
            extra = [V2_QUESTION] if version is v2 and domain == "oversight" else []
            for position, text in enumerate(items + extra, start=1):
                questions.append(
                    _rec(
                        ctx,
                        Question,
                        tool_version=version,
                        domain=domain,
                        position=position,
                        text=text,
                    )
                )
    ctx.writer.create(Question, questions)
    return v1, v2
