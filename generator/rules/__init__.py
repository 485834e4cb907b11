"""The rule registry: every rule the checker knows, by stable code. Codes are never reused.

GK0xx: format (the loader raises them); GK1xx: 康乐县人民政府工作规则; GK2xx: national rules and
standards, and the checker's own hygiene (unused waivers); GK3xx: the annual report
(政府信息公开工作年度报告, 国办公开办函〔2021〕30号) and the application ledger behind it.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    gk001_yaml_syntax_error,
    gk002_file_not_utf8,
    gk003_duplicate_key,
    gk004_anchor_or_alias,
    gk005_file_too_large,
    gk006_nesting_too_deep,
    gk007_yaml_tag_used,
    gk008_too_many_records,
    gk010_unknown_key,
    gk011_missing_required_key,
    gk012_wrong_type_or_value,
    gk013_date_not_iso,
    gk014_invalid_record_id,
    gk015_unknown_reference,
    gk016_calendar_year_missing,
    gk101_withheld_without_basis,
    gk102_policy_without_interpretation,
    gk103_proposal_answered_late,
    gk104_proposal_result_not_published,
    gk105_meeting_document_issued_late,
    gk106_major_decision_without_procedures,
    gk107_public_interest_without_stability_assessment,
    gk108_normative_document_without_legality_review,
    gk109_normative_document_sets_licence_penalty_coercion,
    gk110_rule_signed_by_wrong_person,
    gk111_broken_repeal_chain,
    gk201_published_late,
    gk202_doc_no_format,
    gk203_duplicate_identifier,
    gk204_index_no_format,
    gk205_credit_code_invalid,
    gk206_impossible_date,
    gk207_personal_data,
    gk208_unsafe_markup,
    gk209_attachment_problem,
    gk210_unused_waiver,
    gk211_silent_change_to_published_record,
    gk212_published_record_deleted,
    gk213_backdated_publication,
    gk214_interpretation_of_hidden_policy,
    gk301_report_cell_blank,
    gk302_report_cell_not_a_number,
    gk303_report_heading_misnumbered,
    gk304_report_applications_unbalanced,
    gk305_report_row_total_wrong,
    gk306_report_outcome_total_wrong,
    gk307_report_review_total_wrong,
    gk308_report_county_regulations_nonzero,
    gk309_report_cell_differs_from_records,
    gk310_report_fees_inconsistent,
    gk311_report_text_contradicts_table,
    gk312_report_differs_from_last_year,
    gk313_report_narrative_copied,
    gk314_annual_report_overdue,
    gk315_application_answered_late,
    gk316_application_ledger_inconsistent,
)
from .base import Hit, Rule

MODULES: tuple[ModuleType, ...] = tuple(module for name, module in sorted(globals().items()) if name.startswith("gk"))
"""Every rule module imported above, in code order."""
REGISTRY: dict[str, ModuleType] = {m.RULE.code: m for m in MODULES}
CODE_BY_NAME: dict[str, str] = {m.RULE.name: m.RULE.code for m in MODULES}

assert len(REGISTRY) == len(MODULES), "two rules share a code"


def lookup(code_or_name: str) -> Rule | None:
    """The rule with this code (GK105, any case) or name (meeting-document-issued-late)."""
    key = code_or_name.strip()
    code = CODE_BY_NAME.get(key.lower(), key.upper())
    module = REGISTRY.get(code)
    return module.RULE if module else None


__all__ = ["Hit", "MODULES", "REGISTRY", "Rule", "lookup"]
