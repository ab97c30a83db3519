"""The synthetic programme, cycle by cycle: sample, allocate, grade, moderate, recommend and
follow up, keeping every rule the services keep (evidence made after the audit, a moderator who
is not the auditor, verification after completion, nothing after the as-of date)."""

import datetime as dt
import random
from collections import Counter

from cairn.core.dates import add_months
from cairn.demo.context import SeedContext
from cairn.demo.quality import texts
from cairn.demo.quality.grading import ORDER, Grader, step
from cairn.demo.quality.records import DOMAIN_KINDS, ChildRecords
from cairn.demo.quality.setup import create_themes, create_tool
from cairn.quality.models import (
    AuditCycle,
    AuditEvidence,
    AuditFinding,
    AuditSample,
    AuditStatus,
    CaseAudit,
    CycleKind,
    DomainGrade,
    GradeChange,
    GradeChangeKind,
    ImpactAnswer,
    ImpactFollowUp,
    Recommendation,
    RecommendationStatus,
    SampleMethod,
)
from cairn.quality.sampling import draw_sample
from cairn.quality.selectors.sampling import sample_candidates
from cairn.quality.services.audits import FOLLOW_UP_WEEKS
from cairn.quality.services.programme import sample_rule_text

EXCLUDE_MONTHS = 6
WEAK = ("requires_improvement", "inadequate")
V2_QUESTION = "For a disabled child: does supervision track their communication and care needs?"


def _last_day(start: dt.date) -> dt.date:
    return add_months(start, 1) - dt.timedelta(days=1)


class Programme:
    def __init__(self, ctx: SeedContext, rng: random.Random, auditors, grader: Grader, teams):
        self.ctx, self.rng, self.auditors, self.grader = ctx, rng, auditors, grader
        self.team_kind = dict(teams)
        self.rows: dict[type, list] = {m: [] for m in (DomainGrade, AuditFinding, GradeChange)}
        self.graded: list[tuple[CaseAudit, dict[str, str]]] = []
        self.counts: Counter[str] = Counter()
        self.themes = create_themes(ctx)
        self.tool_v1, self.tool_v2 = create_tool(ctx, publisher=auditors[0])

    def _rec(self, model, **values):
        return model(created_by=self.ctx.actor, updated_by=self.ctx.actor, **values)

    # Cycles --------------------------------------------------------------------------------

    def monthly_cycle(self, start: dt.date, size: int, progress: float) -> None:
        name = f"{start:%B %Y} monthly audit"
        self._cycle(name, CycleKind.MONTHLY, None, start, size, progress, (), ())

    def thematic_cycle(self, start: dt.date, size: int, spec, progress: float) -> None:
        theme_name, team_kinds, levels = spec
        team_ids = [pk for pk, kind in self.team_kind.items() if kind in team_kinds]
        if team_kinds and not team_ids:
            return  # this council has no such team (the small council has no disabled team)
        name = f"Thematic audit: {theme_name.lower()}, {start:%B %Y}"
        theme = self.themes[theme_name]
        self._cycle(name, CycleKind.THEMATIC, theme, start, size, progress, team_ids, levels)

    def _cycle(self, name, kind, theme, start, size, progress, team_ids, levels) -> None:
        ctx = self.ctx
        candidates, excluded = sample_candidates(
            as_of=start, exclude_months=EXCLUDE_MONTHS, team_ids=team_ids, levels=levels
        )
        seed = (ctx.seed * 1_000_003 + int(f"{start:%Y%m}") + (7 if theme else 0)) % 2**31
        chosen = draw_sample(candidates, method=SampleMethod.STRATIFIED, size=size, seed=seed)
        if not chosen:
            return
        version = self.tool_v2 if start >= self.tool_v2.published_on else self.tool_v1
        cycle = self._rec(
            AuditCycle,
            name=name,
            kind=kind,
            theme=theme,
            starts_on=start,
            ends_on=_last_day(start),
            tool_version=version,
        )
        ctx.writer.create(AuditCycle, [cycle])
        rule = sample_rule_text(
            method=SampleMethod.STRATIFIED,
            chosen=len(chosen),
            population=len(candidates),
            excluded=excluded,
            as_of=start,
            exclude_months=EXCLUDE_MONTHS,
            team_ids=team_ids,
            levels=levels,
            seed=seed,
        )
        ctx.writer.create(
            AuditSample,
            [
                self._rec(
                    AuditSample,
                    cycle=cycle,
                    method=SampleMethod.STRATIFIED,
                    size=size,
                    seed=seed,
                    as_of=start,
                    exclude_months=EXCLUDE_MONTHS,
                    team_ids=sorted(team_ids),
                    levels=sorted(levels),
                    rule=rule,
                    population=len(candidates),
                    excluded=excluded,
                    selected_by=self.auditors[0],
                )
            ],
        )
        audits = [self._audit(cycle, c, n, progress) for n, c in enumerate(chosen)]
        ctx.writer.create(CaseAudit, [a for a, _grades in audits])
        self.graded += [(a, g) for a, g in audits if g]
        self.counts["cycles"] += 1

    def _state(self, start: dt.date, index: int) -> str:
        """Older cycles are moderated; this month's and last month's are part way (in turn:
        to allocate or being audited, awaiting moderation, moderated)."""
        as_of = self.ctx.as_of
        months_ago = (as_of.year - start.year) * 12 + as_of.month - start.month
        if months_ago == 0:
            return (AuditStatus.TO_ALLOCATE, AuditStatus.ALLOCATED, AuditStatus.SUBMITTED)[
                index % 3
            ]
        if months_ago == 1:
            return (AuditStatus.ALLOCATED, AuditStatus.SUBMITTED, AuditStatus.MODERATED)[index % 3]
        return AuditStatus.MODERATED

    def _audit(self, cycle: AuditCycle, candidate, index: int, progress: float):
        rng, as_of = self.rng, self.ctx.as_of
        status = self._state(cycle.starts_on, index)
        auditor = rng.choice(self.auditors) if status != AuditStatus.TO_ALLOCATE else None
        others = [a for a in self.auditors if a != auditor]
        if status == AuditStatus.MODERATED and not others:
            status = AuditStatus.SUBMITTED
        audit = self._rec(
            CaseAudit,
            cycle=cycle,
            child_id=candidate.child_id,
            team_id=candidate.team_id,
            level=candidate.level,
            worker_id=candidate.worker_id,
            manager_id=candidate.manager_id,
            auditor=auditor,
            status=status,
        )
        if status in (AuditStatus.TO_ALLOCATE, AuditStatus.ALLOCATED):
            return audit, None
        last = min(cycle.ends_on, as_of)
        audit.audited_on = cycle.starts_on + dt.timedelta(
            days=rng.randint(0, (last - cycle.starts_on).days)
        )
        grades, overall = self.grader.grades(candidate.team_id, progress)
        audit.overall_grade = overall
        weakest = min(grades, key=lambda d: ORDER.index(grades[d]))
        audit.summary = texts.NARRATIVES[weakest][grades[weakest]]
        if status == AuditStatus.MODERATED:
            audit.moderator = rng.choice(others)
            audit.moderated_on = min(
                as_of, audit.audited_on + dt.timedelta(days=rng.randint(2, 10))
            )
            audit.follow_up_due_on = audit.moderated_on + dt.timedelta(weeks=FOLLOW_UP_WEEKS)
            if rng.random() < 0.5:
                audit.practitioner_reflection = texts.REFLECTION
        if rng.random() < 0.15:
            audit.family_feedback = "The family said the social worker listens and explains."
        return audit, grades

    # After the cycles: grades, evidence, moderation, themes, recommendations, follow-ups -----

    def finish(self) -> Counter:
        records = ChildRecords({a.child_id for a, _g in self.graded}, self.ctx.as_of)
        evidence, recommendations, follow_ups = [], [], []
        for audit, grades in self.graded:
            evidence += self._grades(audit, grades, records)
            self._findings(audit, grades)
            made = self._recommendations(audit, grades, records)
            recommendations += made
            follow_up = self._follow_up(audit, made, records)
            if follow_up is not None:
                follow_ups.append(follow_up)
        writer = self.ctx.writer
        writer.create(DomainGrade, self.rows[DomainGrade])
        writer.create(AuditEvidence, evidence)
        writer.create(GradeChange, self.rows[GradeChange])
        writer.create(AuditFinding, self.rows[AuditFinding])
        writer.create(Recommendation, recommendations)
        writer.create(ImpactFollowUp, follow_ups)
        self.counts["audits"] = writer.counts[CaseAudit]
        self.counts["moderated"] = sum(
            1 for a, _g in self.graded if a.status == AuditStatus.MODERATED
        )
        self.counts["recommendations"] = len(recommendations)
        self.counts["overdue"] = sum(
            1
            for r in recommendations
            if r.status == RecommendationStatus.OPEN and r.due_on < self.ctx.as_of
        )
        self.counts["follow_ups"] = len(follow_ups)
        return self.counts

    def _grades(self, audit: CaseAudit, grades: dict[str, str], records) -> list:
        """Domain grades with narrative and up to two records before the audit as evidence;
        one moderated audit in five has a grade changed by moderation, and a few a change
        recorded after it."""
        rng = self.rng
        changed = None
        if audit.status == AuditStatus.MODERATED and rng.random() < 0.2:
            changed = rng.choice(sorted(grades))
        evidence = []
        for domain, grade in sorted(grades.items()):
            final = grade
            if domain == changed:
                final = step(grade, -1 if rng.random() < 0.7 else 1)
                if final != grade:
                    self._change(audit, GradeChangeKind.MODERATION, domain, grade, final)
            row = self._rec(
                DomainGrade,
                audit=audit,
                domain=domain,
                grade=final,
                narrative=texts.NARRATIVES[domain][final],
            )
            grades[domain] = final
            self.rows[DomainGrade].append(row)
            for item in records.before(
                audit.child_id, audit.audited_on, DOMAIN_KINDS[domain], rng.randint(0, 2)
            ):
                evidence.append(
                    self._rec(
                        AuditEvidence,
                        grade=row,
                        record_kind=item.kind,
                        record_id=item.id,
                        label=item.label,
                        record_date=item.date,
                    )
                )
        if audit.status == AuditStatus.MODERATED and rng.random() < 0.03:
            after = step(audit.overall_grade, -1)
            if after != audit.overall_grade:
                self._change(
                    audit, GradeChangeKind.AFTER_MODERATION, "", audit.overall_grade, after
                )
                audit.overall_grade = after
                CaseAudit.objects.filter(pk=audit.pk).update(overall_grade=after)
        return evidence

    def _change(self, audit, kind, domain, before, after) -> None:
        reason = (
            texts.MODERATION_REASON
            if kind == GradeChangeKind.MODERATION
            else texts.AFTER_MODERATION_REASON
        )
        self.rows[GradeChange].append(
            self._rec(
                GradeChange,
                audit=audit,
                kind=kind,
                domain=domain,
                from_grade=before,
                to_grade=after,
                reason=reason,
            )
        )

    def _findings(self, audit: CaseAudit, grades: dict[str, str]) -> None:
        """The thematic audit's theme always; weak domains suggest their themes."""
        rng = self.rng
        tagged = set()
        if audit.cycle.theme is not None:
            tagged.add(audit.cycle.theme.name)
        disabled = self.team_kind.get(audit.team_id) == "disabled_children"
        for domain, grade in sorted(grades.items()):
            chance = 0.4 if grade in WEAK else 0.08
            if rng.random() < chance:
                if domain == "oversight" and disabled:
                    tagged.add("Management oversight of disabled children")
                else:
                    tagged.add(rng.choice(texts.DOMAIN_THEMES[domain]))
        for name in sorted(tagged):
            self.rows[AuditFinding].append(
                self._rec(
                    AuditFinding,
                    audit=audit,
                    theme=self.themes[name],
                    finding=rng.choice(texts.FINDINGS[name]),
                )
            )

    def _recommendations(self, audit: CaseAudit, grades, records) -> list[Recommendation]:
        rng = self.rng
        owners = [u for u in (audit.worker_id, audit.manager_id) if u]
        if not owners:
            return []
        weak = [d for d, g in sorted(grades.items()) if g in WEAK]
        if not weak:  # a good audit still says what would make it better
            weak = [rng.choice(sorted(grades))]
        made = []
        for domain in weak[:2]:
            rec = self._rec(
                Recommendation,
                audit=audit,
                child_id=audit.child_id,
                action=texts.RECOMMENDATIONS[domain],
                owner_id=owners[0] if rng.random() < 0.7 else owners[-1],
                made_on=audit.audited_on,
                due_on=audit.audited_on + dt.timedelta(weeks=rng.randint(4, 8)),
                theme=self.themes.get(texts.DOMAIN_THEMES[domain][0]),
            )
            if audit.status == AuditStatus.MODERATED:
                self._progress(rec, audit, records)
            made.append(rec)
        return made

    def _progress(self, rec: Recommendation, audit: CaseAudit, records) -> None:
        """Open, done and awaiting verification, or verified; fewer are done on time in the
        disabled children's teams."""
        rng, as_of = self.rng, self.ctx.as_of
        roll = rng.random()
        disabled = self.team_kind.get(audit.team_id) == "disabled_children"
        if rec.due_on > as_of:
            status = "open" if roll < 0.55 else "awaiting" if roll < 0.8 else "verified"
        else:
            verified = 0.35 if disabled else 0.6
            status = (
                "verified" if roll < verified else "awaiting" if roll < verified + 0.1 else "open"
            )
        if status == "open":
            if rng.random() < 0.1:
                rec.returned_reason = "The record chosen does not show the action was taken."
            return
        items = records.between(audit.child_id, rec.made_on, as_of)
        if not items:
            return
        item = rng.choice(items[:3])
        rec.evidence_kind, rec.evidence_id = item.kind, item.id
        rec.evidence_label, rec.evidence_date = item.label, item.date
        rec.completed_on = min(as_of, item.date + dt.timedelta(days=rng.randint(0, 5)))
        rec.completed_by_id = rec.owner_id
        rec.completion_note = "Done: see the record."
        rec.status = RecommendationStatus.AWAITING_VERIFICATION
        if status == "verified":
            rec.status = RecommendationStatus.VERIFIED
            rec.verified_on = min(as_of, rec.completed_on + dt.timedelta(days=rng.randint(1, 10)))
            rec.verified_by = audit.auditor

    def _follow_up(self, audit: CaseAudit, made, records) -> ImpactFollowUp | None:
        """Most moderated audits whose follow-up has fallen due have been checked."""
        rng, as_of = self.rng, self.ctx.as_of
        if audit.status != AuditStatus.MODERATED or audit.follow_up_due_on > as_of:
            return None
        if rng.random() > 0.85:
            return None
        checked = min(as_of, audit.follow_up_due_on + dt.timedelta(days=rng.randint(0, 14)))
        verified = sum(1 for r in made if r.status == RecommendationStatus.VERIFIED)
        roll = rng.random()
        if verified == len(made):
            answer = "yes" if roll < 0.6 else "partly" if roll < 0.9 else "no"
        elif verified:
            answer = "partly" if roll < 0.5 else "no" if roll < 0.8 else "yes"
        else:
            answer = "no" if roll < 0.6 else "partly"
        item = None
        if answer != ImpactAnswer.NO:
            items = records.between(audit.child_id, audit.audited_on, checked)
            item = items[-1] if items else None
            if item is None:
                answer = ImpactAnswer.NO
        return self._rec(
            ImpactFollowUp,
            audit=audit,
            checked_on=checked,
            answer=answer,
            narrative=texts.FOLLOW_UPS[answer],
            evidence_kind=item.kind if item else "",
            evidence_id=item.id if item else None,
            evidence_label=item.label if item else "",
            evidence_date=item.date if item else None,
        )
