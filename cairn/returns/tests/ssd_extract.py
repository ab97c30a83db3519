"""A small hand-written SSD extract, as another council system would write it (test helper)."""

import csv
from pathlib import Path

from cairn.returns.ssd import spec


def write_table(directory: Path, name: str, rows: list[dict[str, str]]) -> Path:
    """`ssd_<name>.csv` with the declared headers; cells not given are empty."""
    table = spec.table(name)
    path = directory / table.file_name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=table.headers, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            unknown = set(row) - set(table.headers)
            assert not unknown, unknown
            writer.writerow(row)
    return path


def council_extract(directory: Path) -> Path:
    """Two teams, two workers, two children: one on a CIN plan, one on a CP plan."""
    write_table(
        directory,
        "ssd_department",
        [
            {"dept_team_id": "T1", "dept_team_name": "Children's services (imported)"},
            {
                "dept_team_id": "T2",
                "dept_team_name": "Riverside locality",
                "dept_team_parent_id": "T1",
            },
        ],
    )
    write_table(
        directory,
        "ssd_professionals",
        [
            {
                "prof_professional_id": "W1",
                "prof_staff_id": "jbloggs",
                "prof_professional_name": "Jo Bloggs",
                "prof_social_worker_registration_no": "SW123456",
                "prof_agency_worker_flag": "N",
                "prof_professional_job_title": "Social worker",
                "prof_professional_department": "Riverside locality",
                "prof_full_time_equivalency": "0.8",
            },
        ],
    )
    write_table(
        directory,
        "ssd_person",
        [
            {
                "pers_person_id": "P100",
                "pers_forename": "Ada",
                "pers_surname": "Lovelace",
                "pers_sex": "F",
                "pers_gender": "02",
                "pers_ethnicity": "WBRI",
                "pers_dob": "2015-03-04",
                "pers_upn": "A123456789012",
            },
            {
                "pers_person_id": "P200",
                "pers_forename": "Ben",
                "pers_surname": "Okoro",
                "pers_sex": "M",
                "pers_ethnicity": "BAFR",
                "pers_dob": "04/07/2012",
            },
        ],
    )
    write_table(
        directory,
        "ssd_disability",
        [{"disa_table_id": "D1", "disa_person_id": "P100", "disa_disability_code": "AUT"}],
    )
    write_table(
        directory,
        "ssd_cin_episodes",
        [
            {
                "cine_referral_id": "R1",
                "cine_person_id": "P100",
                "cine_referral_date": "2026-01-05 00:00:00.000",
                "cine_cin_primary_need_code": "N1",
                "cine_referral_source_code": "2A",
                "cine_referral_nfa": "N",
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
    write_table(
        directory,
        "ssd_cin_assessments",
        [
            {
                "cina_assessment_id": "A1",
                "cina_person_id": "P100",
                "cina_referral_id": "R1",
                "cina_assessment_start_date": "2026-01-06",
                "cina_assessment_child_seen": "Y",
                "cina_assessment_auth_date": "2026-02-10",
                "cina_assessment_outcome_json": '{"PROV_OF_SERVICES_FLAG": "Y"}',
                "cina_assessment_outcome_nfa": "N",
                "cina_assessment_worker_id": "W1",
            }
        ],
    )
    write_table(
        directory,
        "ssd_assessment_factors",
        [
            {
                "cinf_table_id": "A1",
                "cinf_assessment_id": "A1",
                "cinf_assessment_factors_json": '["3B","16A"]',
            }
        ],
    )
    write_table(
        directory,
        "ssd_cin_plans",
        [
            {
                "cinp_cin_plan_id": "CINP1",
                "cinp_referral_id": "R1",
                "cinp_person_id": "P100",
                "cinp_cin_plan_start_date": "2026-02-12",
                "cinp_cin_plan_team": "T2",
                "cinp_cin_plan_worker_id": "W1",
            }
        ],
    )
    write_table(
        directory,
        "ssd_cin_visits",
        [
            {
                "cinv_cin_visit_id": "V1",
                "cinv_person_id": "P100",
                "cinv_cin_visit_date": "2026-02-20",
                "cinv_cin_visit_seen": "Y",
                "cinv_cin_visit_seen_alone": "Y",
                "cinv_cin_visit_bedroom": "N",
            }
        ],
    )
    write_table(
        directory,
        "ssd_s47_enquiry",
        [
            {
                "s47e_s47_enquiry_id": "S1",
                "s47e_referral_id": "R2",
                "s47e_person_id": "P200",
                "s47e_s47_start_date": "2026-02-03",
                "s47e_s47_end_date": "2026-02-12",
                "s47e_s47_nfa": "N",
                "s47e_s47_outcome_json": '{"CP_CONFERENCE_FLAG": "Y"}',
                "s47e_s47_completed_by_worker_id": "W1",
            }
        ],
    )
    write_table(
        directory,
        "ssd_initial_cp_conference",
        [
            {
                "icpc_icpc_id": "C1",
                "icpc_icpc_meeting_id": "M1",
                "icpc_s47_enquiry_id": "S1",
                "icpc_person_id": "P200",
                "icpc_referral_id": "R2",
                "icpc_icpc_transfer_in": "N",
                "icpc_icpc_date": "2026-02-20",
                "icpc_icpc_outcome_cp_flag": "Y",
            }
        ],
    )
    write_table(
        directory,
        "ssd_cp_plans",
        [
            {
                "cppl_cp_plan_id": "CPP1",
                "cppl_referral_id": "R2",
                "cppl_icpc_id": "C1",
                "cppl_person_id": "P200",
                "cppl_cp_plan_start_date": "2026-02-20",
                "cppl_cp_plan_initial_category": "NEG",
                "cppl_cp_plan_latest_category": "NEG",
            }
        ],
    )
    write_table(
        directory,
        "ssd_cp_visits",
        [
            {
                "cppv_cp_visit_id": "CV1",
                "cppv_person_id": "P200",
                "cppv_cp_plan_id": "CPP1",
                "cppv_cp_visit_date": "2026-02-25",
                "cppv_cp_visit_seen": "Y",
            }
        ],
    )
    write_table(
        directory,
        "ssd_involvements",
        [
            {
                "invo_involvements_id": "I1",
                "invo_professional_id": "W1",
                "invo_professional_role_id": "CW",
                "invo_professional_team": "T2",
                "invo_person_id": "P100",
                "invo_referral_id": "R1",
                "invo_involvement_start_date": "2026-01-05",
            },
            {
                "invo_involvements_id": "I2",
                "invo_professional_id": "W1",
                "invo_professional_team": "T2",
                "invo_person_id": "P200",
                "invo_referral_id": "R2",
                "invo_involvement_start_date": "2026-02-02",
            },
        ],
    )
    return directory
