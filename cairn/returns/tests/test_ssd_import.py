"""import_ssd: an SSD extract from another system loads whole rows, rejects bad ones with their
file, line and reason, keeps the source's ids, and updates rather than duplicates on re-import."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from cairn.accounts.models import Team, User
from cairn.casework.models import Assessment, AssessmentFactor, Plan, PlanKind, Visit
from cairn.casework.models.meetings import MeetingChild, MeetingKind, ParticipationMode
from cairn.core.models import AuditAction, AuditEvent, ExternalReference
from cairn.frontdoor.models import Episode
from cairn.people.models import Identifier, Person
from cairn.protection.models import ConferenceDetail, CPCategory, S47Enquiry
from cairn.returns.ssd.importer import import_ssd, parse_date
from cairn.returns.tests.ssd_extract import council_extract, write_table
from cairn.workforce.models import Allocation, StaffRecord

pytestmark = pytest.mark.django_db


def _refs(kind):
    return dict(
        ExternalReference.objects.filter(system="ssd", kind=kind).values_list(
            "external_id", "object_id"
        )
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-31", dt.date(2026, 3, 31)),
        ("2026-03-31 00:00:00", dt.date(2026, 3, 31)),
        ("2026-03-31 14:05:09.123", dt.date(2026, 3, 31)),
        ("31/03/2026", dt.date(2026, 3, 31)),
        ("2026-02-30", None),
        ("31/13/2026", None),
        ("2026-03-31 25:00:00", None),
        ("March 2026", None),
    ],
)
def test_dates_in_the_three_shapes_extracts_use(text, expected):
    assert parse_date(text) == expected


def test_an_extract_loads_with_its_ids_kept(tmp_path):
    report = import_ssd(council_extract(tmp_path))

    assert report.rejections == []
    ada = Person.objects.get(la_child_id="P100")
    assert (ada.given_name, ada.family_name, ada.sex, ada.date_of_birth) == (
        "Ada",
        "Lovelace",
        "F",
        dt.date(2015, 3, 4),
    )
    assert ada.given_name_norm  # the search keys are kept in step
    assert Person.objects.get(la_child_id="P200").date_of_birth == dt.date(2012, 7, 4)
    assert Identifier.objects.get(person=ada, system="upn").value == "A123456789012"
    assert list(ada.disabilities.values_list("code", flat=True)) == ["AUT"]

    referral = Episode.objects.get(pk=_refs("referral")["R1"])
    assert (referral.child, referral.referral_date, referral.source) == (
        ada,
        dt.date(2026, 1, 5),
        "2A",
    )
    assessment = Assessment.objects.get(pk=_refs("assessment")["A1"])
    assert assessment.status == "authorised"
    assert assessment.outcome == "cin_plan"
    assert assessment.authorised_on == dt.date(2026, 2, 10)
    assert set(
        AssessmentFactor.objects.filter(assessment=assessment).values_list("code", flat=True)
    ) == {
        "3B",
        "16A",
    }
    assert Plan.objects.get(pk=_refs("cin_plan")["CINP1"]).kind == PlanKind.CIN
    assert Visit.objects.get(pk=_refs("cin_visit")["V1"]).episode == referral

    s47 = S47Enquiry.objects.get(pk=_refs("s47")["S1"])
    assert s47.icpc_needed is True
    conference = ConferenceDetail.objects.get(pk=_refs("icpc")["C1"])
    assert (conference.outcome, conference.category, conference.s47) == ("cp_plan", "NEG", s47)
    cp_plan = Plan.objects.get(pk=_refs("cp_plan")["CPP1"])
    assert list(CPCategory.objects.filter(plan=cp_plan).values_list("category", flat=True)) == [
        "NEG"
    ]

    worker = User.objects.get(pk=_refs("professional")["W1"])
    assert (worker.get_full_name(), worker.is_active, worker.has_usable_password()) == (
        "Jo Bloggs",
        False,
        False,
    )
    assert worker.team.name == "Riverside locality"
    assert StaffRecord.objects.get(user=worker).swe_number == "SW123456"
    riverside = Team.objects.get(pk=_refs("team")["T2"])
    assert riverside.parent == Team.objects.get(pk=_refs("team")["T1"])
    allocation = Allocation.objects.get(pk=_refs("involvement")["I1"])
    assert (allocation.child, allocation.worker, allocation.team) == (ada, worker, riverside)


def test_every_record_loaded_has_its_audit_record_by_the_import(tmp_path):
    import_ssd(council_extract(tmp_path))

    for model in (Person, Episode, Assessment, Plan, Visit, Allocation, S47Enquiry):
        for pk in model.objects.values_list("pk", flat=True):
            event = AuditEvent.objects.get(
                content_type__model=model._meta.model_name, object_id=str(pk)
            )
            assert (event.action, event.via, event.actor.username) == (
                AuditAction.CREATE,
                "import",
                "system",
            )
    ada = Person.objects.get(la_child_id="P100")
    assert AuditEvent.objects.filter(person=ada, content_type__model="episode").count() == 1


def test_reimporting_the_same_extract_updates_rather_than_duplicates(tmp_path):
    council_extract(tmp_path)
    import_ssd(tmp_path)
    counts = {m: m.all_objects.count() for m in (Person, Episode, Assessment, Plan, Visit)}
    refs = ExternalReference.objects.count()
    audits = AuditEvent.objects.count()

    report = import_ssd(tmp_path)

    assert report.rejections == []
    assert {m: m.all_objects.count() for m in counts} == counts
    assert ExternalReference.objects.count() == refs
    assert AuditEvent.objects.count() == audits  # nothing changed, nothing written

    # A changed row updates the same record, audited as an update.
    write_table(
        tmp_path,
        "ssd_cin_episodes",
        [
            {
                "cine_referral_id": "R1",
                "cine_person_id": "P100",
                "cine_referral_date": "2026-01-05",
                "cine_cin_primary_need_code": "N4",
                "cine_referral_source_code": "2A",
            },
            {
                "cine_referral_id": "R2",
                "cine_person_id": "P200",
                "cine_referral_date": "2026-02-02",
                "cine_cin_primary_need_code": "N1",
                "cine_referral_source_code": "6",
                "cine_referral_nfa": "N",
            },
        ],
    )
    import_ssd(tmp_path)
    referral = Episode.objects.get(pk=_refs("referral")["R1"])
    assert referral.primary_need == "N4"
    assert referral.version == 2
    assert Episode.objects.count() == counts[Episode]
    update = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(referral.pk))
    assert update.changes == {"primary_need": ["N1", "N4"]}
    assert update.via == "import"


def _only_rejection(report):
    assert len(report.rejections) == 1, report.rejections
    return report.rejections[0]


def test_a_bad_date_rejects_the_row_and_its_children(tmp_path):
    council_extract(tmp_path)
    write_table(
        tmp_path,
        "ssd_cin_visits",
        [
            {
                "cinv_cin_visit_id": "V1",
                "cinv_person_id": "P100",
                "cinv_cin_visit_date": "2026-02-31",
                "cinv_cin_visit_seen": "Y",
            },
            {
                "cinv_cin_visit_id": "V2",
                "cinv_person_id": "P100",
                "cinv_cin_visit_date": "2026-02-21",
                "cinv_cin_visit_seen": "Y",
            },
        ],
    )

    report = import_ssd(tmp_path)

    rejection = _only_rejection(report)
    assert (rejection.file, rejection.line, rejection.row_id) == ("ssd_cin_visits.csv", 2, "V1")
    assert "cinv_cin_visit_date '2026-02-31' is not a date" in rejection.reason
    assert set(_refs("cin_visit")) == {"V2"}
    assert Visit.objects.filter(kind="cin").count() == 1


def test_an_unknown_code_rejects_the_row_and_rows_under_it(tmp_path):
    council_extract(tmp_path)
    write_table(
        tmp_path,
        "ssd_person",
        [
            {"pers_person_id": "P100", "pers_surname": "Lovelace", "pers_ethnicity": "XXXX"},
            {"pers_person_id": "P200", "pers_surname": "Okoro", "pers_dob": "2012-07-04"},
        ],
    )

    report = import_ssd(tmp_path)

    reasons = {(r.file, r.row_id): r.reason for r in report.rejections}
    assert (
        "pers_ethnicity 'XXXX' is not a code in the ethnicity list"
        in (reasons[("ssd_person.csv", "P100")])
    )
    assert not Person.objects.filter(la_child_id="P100").exists()
    # Everything about P100 is rejected as the child of a rejected row, and nothing is loaded.
    for file, row_id in [
        ("ssd_disability.csv", "D1"),
        ("ssd_cin_episodes.csv", "R1"),
        ("ssd_cin_visits.csv", "V1"),
        ("ssd_involvements.csv", "I1"),
    ]:
        assert reasons[(file, row_id)].startswith("parent row rejected"), (file, row_id)
    # ... and rows hanging from those rows in turn.
    assert reasons[("ssd_cin_assessments.csv", "A1")].startswith("parent row rejected")
    assert reasons[("ssd_assessment_factors.csv", "A1")].startswith("parent row rejected")
    assert not _refs("referral").get("R1")
    assert Person.objects.get(la_child_id="P200")


def test_a_missing_parent_row_rejects_the_row(tmp_path):
    council_extract(tmp_path)
    write_table(
        tmp_path,
        "ssd_disability",
        [
            {"disa_table_id": "D1", "disa_person_id": "P100", "disa_disability_code": "AUT"},
            {"disa_table_id": "D2", "disa_person_id": "P999", "disa_disability_code": "VIS"},
        ],
    )

    report = import_ssd(tmp_path)

    rejection = _only_rejection(report)
    assert (rejection.file, rejection.line, rejection.row_id) == ("ssd_disability.csv", 3, "D2")
    assert rejection.reason == "missing parent row: disa_person_id 'P999' is not in ssd_person"
    assert list(_refs("disability")) == ["D1"]


def test_a_duplicate_id_in_a_file_rejects_the_later_row(tmp_path):
    council_extract(tmp_path)
    write_table(
        tmp_path,
        "ssd_disability",
        [
            {"disa_table_id": "D1", "disa_person_id": "P100", "disa_disability_code": "AUT"},
            {"disa_table_id": "D1", "disa_person_id": "P100", "disa_disability_code": "VIS"},
        ],
    )

    report = import_ssd(tmp_path)

    rejection = _only_rejection(report)
    assert (rejection.file, rejection.line, rejection.row_id) == ("ssd_disability.csv", 3, "D1")
    assert rejection.reason.startswith("duplicate id: disa_table_id 'D1'")
    ada = Person.objects.get(la_child_id="P100")
    assert list(ada.disabilities.values_list("code", flat=True)) == ["AUT"]


def test_a_row_breaking_a_record_rule_is_rejected_alone(tmp_path):
    """Two open referrals for one child: the database refuses the second; the chunk is
    written again in halves, so only that row is rejected."""
    council_extract(tmp_path)
    write_table(
        tmp_path,
        "ssd_cin_episodes",
        [
            {
                "cine_referral_id": "R1",
                "cine_person_id": "P100",
                "cine_referral_date": "2026-01-05",
                "cine_referral_source_code": "2A",
            },
            {
                "cine_referral_id": "R2",
                "cine_person_id": "P200",
                "cine_referral_date": "2026-02-02",
                "cine_referral_source_code": "6",
            },
            {
                "cine_referral_id": "R3",
                "cine_person_id": "P100",
                "cine_referral_date": "2026-01-07",
                "cine_referral_source_code": "6",
            },
        ],
    )

    report = import_ssd(tmp_path)

    rejection = _only_rejection(report)
    assert (rejection.line, rejection.row_id) == (4, "R3")
    assert rejection.reason.startswith("breaks a rule of Cairn's record")
    assert set(_refs("referral")) == {"R1", "R2"}


def test_the_command_prints_and_writes_the_report(tmp_path):
    council_extract(tmp_path)
    write_table(
        tmp_path,
        "ssd_disability",
        [{"disa_table_id": "D1", "disa_person_id": "P100", "disa_disability_code": "WINGS"}],
    )
    out = io.StringIO()

    call_command("import_ssd", str(tmp_path), stdout=out)

    assert "REJECTED ssd_disability.csv line 2 (D1): disa_disability_code 'WINGS'" in (
        out.getvalue()
    )
    with (tmp_path / "import_report.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["file"], r["line"], r["id"]) for r in rows] == [("ssd_disability.csv", "2", "D1")]


def test_the_command_refuses_a_folder_without_ssd_files(tmp_path):
    with pytest.raises(CommandError, match="holds no SSD table files"):
        call_command("import_ssd", str(tmp_path))
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("import_ssd", str(tmp_path / "nowhere"))


def test_an_imported_child_with_an_overdue_visit_raises_the_drift_alert(tmp_path):
    """The drift engine reads imported records like Cairn's own: P100's CIN plan started on
    12 February and she was last seen on 20 February, so by 30 April her visit is overdue;
    the alert names her and her worker by the source's ids."""
    from cairn.timescales.engine import alerts_as_of

    import_ssd(council_extract(tmp_path))

    alerts = [
        a.as_contract()
        for a in alerts_as_of(as_of=dt.date(2026, 4, 30))
        if a.rule == "CIN_VISIT_DUE"
    ]
    (alert,) = [a for a in alerts if a["child"] == "P100"]
    assert alert["status"] == "overdue"
    assert alert["worker"] == "jbloggs"
    assert alert["overdue_by"] > 0
    assert "20 Feb 2026" in alert["explanation"]

    # Seen again (a re-import with the new visit): the alert goes.
    write_table(
        tmp_path,
        "ssd_cin_visits",
        [
            {
                "cinv_cin_visit_id": "V1",
                "cinv_person_id": "P100",
                "cinv_cin_visit_date": "2026-02-20",
                "cinv_cin_visit_seen": "Y",
                "cinv_cin_visit_seen_alone": "Y",
            },
            {
                "cinv_cin_visit_id": "V9",
                "cinv_person_id": "P100",
                "cinv_cin_visit_date": "28/04/2026",
                "cinv_cin_visit_seen": "Y",
            },
        ],
    )
    import_ssd(tmp_path)
    assert not [
        a
        for a in alerts_as_of(as_of=dt.date(2026, 4, 30))
        if a.rule == "CIN_VISIT_DUE" and a.la_child_id == "P100" and a.status == "overdue"
    ]


def test_rows_breaking_a_record_rule_in_one_chunk_are_each_rejected_alone(tmp_path):
    """The chunk is written again in halves: each offending row is rejected, in line order,
    and the rows around them load."""
    council_extract(tmp_path)
    referral = {"cine_referral_source_code": "6"}
    write_table(
        tmp_path,
        "ssd_cin_episodes",
        [
            {**referral, "cine_referral_id": "R1", "cine_person_id": "P100",
             "cine_referral_date": "2026-01-05"},
            {**referral, "cine_referral_id": "R2", "cine_person_id": "P200",
             "cine_referral_date": "2026-02-02"},
            {**referral, "cine_referral_id": "R3", "cine_person_id": "P100",
             "cine_referral_date": "2026-01-07"},
            {**referral, "cine_referral_id": "R4", "cine_person_id": "P200",
             "cine_referral_date": "2026-02-09"},
            {**referral, "cine_referral_id": "R5", "cine_person_id": "P100",
             "cine_referral_date": "2025-06-01", "cine_close_date": "2025-07-01",
             "cine_close_reason": "RC8"},
        ],
    )  # fmt: skip

    report = import_ssd(tmp_path)

    episodes = [r for r in report.rejections if r.file == "ssd_cin_episodes.csv"]
    assert [(r.line, r.row_id) for r in episodes] == [(4, "R3"), (5, "R4")]
    assert all(r.reason.startswith("breaks a rule of Cairn's record") for r in episodes)
    assert set(_refs("referral")) == {"R1", "R2", "R5"}


def test_a_summer_contact_reimports_without_an_update(tmp_path):
    """A contact's date becomes the start of that day in the council's zone (BST in summer);
    read back from the database it is the same instant in UTC, which is not a change."""
    council_extract(tmp_path)
    write_table(
        tmp_path,
        "ssd_contacts",
        [
            {
                "cont_contact_id": "C1",
                "cont_person_id": "P100",
                "cont_contact_date": "2025-07-14",
                "cont_contact_source_code": "6",
            }
        ],
    )
    import_ssd(tmp_path)
    audits = AuditEvent.objects.count()

    report = import_ssd(tmp_path)

    assert report.rejections == []
    assert AuditEvent.objects.count() == audits


def test_a_review_where_the_child_was_not_given_the_opportunity_loads_with_a_note(tmp_path):
    """PN7 needs a reason in Cairn's record, which the SSD does not carry: the review loads
    and the note says where the code came from (so a round trip keeps the review)."""
    council_extract(tmp_path)
    write_table(
        tmp_path,
        "ssd_cp_reviews",
        [
            {
                "cppr_cp_review_id": "CPR1",
                "cppr_person_id": "P200",
                "cppr_cp_plan_id": "CPP1",
                "cppr_cp_review_date": "2026-05-14",
                "cppr_cp_review_meeting_id": "M1",
                "cppr_cp_review_outcome_continue_cp": "Y",
                "cppr_cp_review_participation": "PN7",
            }
        ],
    )

    report = import_ssd(tmp_path)

    assert [r for r in report.rejections if r.file == "ssd_cp_reviews.csv"] == []
    child = MeetingChild.objects.get(meeting__kind=MeetingKind.RCPC)
    assert child.participation == ParticipationMode.NOT_GIVEN_OPPORTUNITY
    assert "PN7" in child.participation_note
    assert "records no reason" in child.participation_note
