# SPDX-License-Identifier: GPL-3.0-or-later
"""Finding libanker and declaring its functions.

Every C function the binding calls is declared once, in PROTOTYPES, as
(name, argtypes, restype, errcheck). Library() turns that table into one
attribute per function and fails with a single clear message when the loaded
library lacks a symbol, which means it is older than this binding.

ctypes releases the GIL around every call into a CDLL, so long calls such as
anker_batch_score() let other Python threads run.
"""

import ctypes
import os
from ctypes import (POINTER, c_char_p, c_double, c_int, c_long, c_longlong, c_size_t, c_uint,
                    c_uint64, c_void_p)
from pathlib import Path

from ._version import LIBRARY_MAJOR, LIBRARY_MINIMUM, __version__

SONAME = "libanker.so.1"


class LibraryError(ImportError):
    """libanker cannot be found, or it does not match this binding."""

    __module__ = "anker"


# Opaque C structs: Python only ever holds pointers to them. Distinct types
# let ctypes refuse a model where a case is expected.
class anker_ctx(ctypes.Structure):
    pass


class anker_error(ctypes.Structure):
    pass


class anker_model(ctypes.Structure):
    pass


class anker_case(ctypes.Structure):
    pass


class anker_result(ctypes.Structure):
    pass


class anker_batch(ctypes.Structure):
    pass


class anker_fit(ctypes.Structure):
    pass


class anker_wwb_norms(ctypes.Structure):
    pass


class anker_wwb_household(ctypes.Structure):
    pass


class anker_wwb_result(ctypes.Structure):
    pass


class anker_timeline(ctypes.Structure):
    pass


class anker_profile(ctypes.Structure):
    pass


class anker_assessment(ctypes.Structure):
    pass


class anker_evaluation(ctypes.Structure):
    pass


class anker_overrides(ctypes.Structure):
    pass


class anker_scenario(ctypes.Structure):
    pass


class anker_simulation(ctypes.Structure):
    pass


class anker_factor_pull(ctypes.Structure):
    _fields_ = [("instrument", c_size_t), ("output", c_size_t), ("score", ctypes.c_double),
                ("pull", ctypes.c_double), ("type", c_int)]


class anker_followup(ctypes.Structure):
    _fields_ = [("instrument", c_size_t), ("first_chance", ctypes.c_double),
                ("first_band", c_int), ("chance", ctypes.c_double), ("band", c_int),
                ("drop", ctypes.c_double), ("threshold", ctypes.c_double),
                ("band_drop", c_int), ("flag", c_int)]


ctx_p = POINTER(anker_ctx)
error_p = POINTER(anker_error)
model_p = POINTER(anker_model)
case_p = POINTER(anker_case)
result_p = POINTER(anker_result)
batch_p = POINTER(anker_batch)
fit_p = POINTER(anker_fit)
wwb_norms_p = POINTER(anker_wwb_norms)
wwb_household_p = POINTER(anker_wwb_household)
wwb_result_p = POINTER(anker_wwb_result)
timeline_p = POINTER(anker_timeline)
profile_p = POINTER(anker_profile)
assessment_p = POINTER(anker_assessment)
evaluation_p = POINTER(anker_evaluation)
overrides_p = POINTER(anker_overrides)
scenario_p = POINTER(anker_scenario)
simulation_p = POINTER(anker_simulation)

# typedef void (*anker_log_fn)(void *log_data, int level, const char *message);
LOG_FN = ctypes.CFUNCTYPE(None, c_void_p, c_int, c_char_p)
# typedef int (*anker_sim_write_fn)(void *data, const char *text, size_t size);
SIM_WRITE_FN = ctypes.CFUNCTYPE(c_int, c_void_p, ctypes.POINTER(ctypes.c_char), c_size_t)


def check_status(result, func, args):
    """errcheck for functions returning 0 or a negative ANKER_E_* code."""
    if result < 0:
        from ._errors import raise_status  # only on the failure path
        raise_status(result, func.__name__, args)
    return result


def to_text(result, func, args):
    """errcheck for functions returning a borrowed const char * (or NULL)."""
    if result is None:
        return None
    return result.decode("utf-8", "replace")


_text = (c_char_p, to_text)
_status = (c_int, check_status)

# (name, argtypes, restype, errcheck), in the order of the public headers.
PROTOTYPES = [
    # version.h
    ("anker_version_string", [], *_text),
    ("anker_version_number", [], c_uint, None),
    # error.h
    ("anker_strerror", [c_int], *_text),
    ("anker_status_name", [c_int], *_text),
    ("anker_error_new", [POINTER(error_p)], *_status),
    ("anker_error_free", [error_p], None, None),
    ("anker_error_clear", [error_p], None, None),
    ("anker_error_code", [error_p], c_int, None),
    ("anker_error_message", [error_p], *_text),
    ("anker_error_text", [error_p], *_text),
    ("anker_error_file", [error_p], *_text),
    ("anker_error_line", [error_p], c_long, None),
    ("anker_error_column", [error_p], c_long, None),
    ("anker_error_path", [error_p], *_text),
    ("anker_error_field", [error_p], *_text),
    ("anker_error_case_index", [error_p], c_longlong, None),
    # context.h (the allocator hooks are not exposed to Python)
    ("anker_ctx_new", [POINTER(ctx_p)], *_status),
    ("anker_ctx_ref", [ctx_p], ctx_p, None),
    ("anker_ctx_unref", [ctx_p], ctx_p, None),
    ("anker_ctx_set_log_fn", [ctx_p, LOG_FN, c_void_p], None, None),
    ("anker_ctx_set_log_level", [ctx_p, c_int], None, None),
    ("anker_ctx_get_log_level", [ctx_p], *_status),
    # model.h
    ("anker_model_load_file", [ctx_p, c_char_p, error_p, POINTER(model_p)], *_status),
    ("anker_model_load_buffer", [ctx_p, c_char_p, c_size_t, c_char_p, error_p, POINTER(model_p)],
     *_status),
    ("anker_model_ref", [model_p], model_p, None),
    ("anker_model_unref", [model_p], model_p, None),
    ("anker_model_get_kind", [model_p], *_status),
    ("anker_model_get_id", [model_p], *_text),
    ("anker_model_get_name", [model_p], *_text),
    ("anker_model_get_version", [model_p], *_text),
    ("anker_model_get_toets", [model_p], *_text),
    ("anker_model_get_outcome", [model_p], *_text),
    ("anker_model_get_horizon_months", [model_p], c_int, None),  # ANKER_E_NOT_FOUND: no outcome
    ("anker_model_get_valid_from", [model_p], *_text),
    ("anker_model_get_provenance", [model_p, c_char_p], *_text),
    ("anker_model_get_provenance_count", [model_p], c_size_t, None),
    ("anker_model_get_provenance_key", [model_p, c_size_t], *_text),
    ("anker_model_get_sha256", [model_p], *_text),
    ("anker_model_get_link", [model_p], c_int, None),  # ANKER_E_NOT_FOUND: no link
    ("anker_model_get_variable_count", [model_p], c_size_t, None),
    ("anker_model_find_variable", [model_p, c_char_p], c_int, None),
    ("anker_model_suggest_variable", [model_p, c_char_p], *_text),
    ("anker_model_get_variable_name", [model_p, c_size_t], *_text),
    ("anker_model_get_variable_label", [model_p, c_size_t], *_text),
    ("anker_model_get_variable_kind", [model_p, c_size_t], *_status),
    ("anker_model_get_variable_range",
     [model_p, c_size_t, POINTER(c_double), POINTER(c_double)], *_status),
    ("anker_model_get_variable_out_of_range", [model_p, c_size_t], *_status),
    ("anker_model_get_variable_missing", [model_p, c_size_t], *_status),
    ("anker_model_get_variable_imputed_number", [model_p, c_size_t, POINTER(c_double)], c_int,
     None),
    ("anker_model_get_variable_imputed_level", [model_p, c_size_t], c_int, None),
    ("anker_model_get_level_count", [model_p, c_size_t], c_size_t, None),
    ("anker_model_get_level_name", [model_p, c_size_t, c_size_t], *_text),
    ("anker_model_find_level", [model_p, c_size_t, c_char_p], c_int, None),
    ("anker_model_get_term_count", [model_p], c_size_t, None),
    ("anker_model_get_term_name", [model_p, c_size_t], *_text),
    ("anker_model_get_term_label", [model_p, c_size_t], *_text),
    ("anker_model_get_term_type", [model_p, c_size_t], *_status),
    ("anker_model_get_term_variable", [model_p, c_size_t], c_int, None),
    ("anker_model_get_term_edges",
     [model_p, c_size_t, POINTER(POINTER(c_double)), POINTER(c_size_t)], c_int, None),
    ("anker_model_get_contribution_count", [model_p], c_size_t, None),
    ("anker_model_get_contribution_name", [model_p, c_size_t], *_text),
    ("anker_model_get_contribution_label", [model_p, c_size_t], *_text),
    ("anker_model_get_item_response", [model_p, c_size_t], c_int, None),  # < 0: not an item
    ("anker_model_get_item_text", [model_p, c_size_t, c_char_p], *_text),
    ("anker_model_get_option_count", [model_p, c_size_t], c_size_t, None),
    ("anker_model_get_option_value", [model_p, c_size_t, c_size_t, POINTER(c_double)],
     *_status),
    ("anker_model_get_option_text", [model_p, c_size_t, c_size_t, c_char_p], *_text),
    ("anker_model_get_output_text", [model_p, c_size_t, c_char_p], *_text),
    ("anker_model_get_output_level_text", [model_p, c_size_t, c_size_t, c_char_p], *_text),
    ("anker_response_type_name", [c_int], *_text),
    ("anker_model_get_band_count", [model_p], c_size_t, None),
    ("anker_model_get_band_name", [model_p, c_size_t], *_text),
    ("anker_model_get_band_label", [model_p, c_size_t], *_text),
    ("anker_model_get_band_upper", [model_p, c_size_t], c_double, None),
    ("anker_model_get_band_boundary", [model_p], c_int, None),  # ANKER_E_NOT_FOUND: no bands
    ("anker_model_band_for_probability", [model_p, c_double], c_int, None),
    ("anker_model_get_output_count", [model_p], c_size_t, None),
    ("anker_model_find_output", [model_p, c_char_p], c_int, None),
    ("anker_model_get_output_name", [model_p, c_size_t], *_text),
    ("anker_model_get_output_label", [model_p, c_size_t], *_text),
    ("anker_model_get_output_type", [model_p, c_size_t], c_int, None),
    ("anker_model_get_output_level_count", [model_p, c_size_t], c_size_t, None),
    ("anker_model_get_output_level_name", [model_p, c_size_t, c_size_t], *_text),
    ("anker_model_get_output_level_label", [model_p, c_size_t, c_size_t], *_text),
    ("anker_model_kind_name", [c_int], *_text),
    ("anker_variable_kind_name", [c_int], *_text),
    ("anker_term_type_name", [c_int], *_text),
    ("anker_out_of_range_policy_name", [c_int], *_text),
    ("anker_missing_policy_name", [c_int], *_text),
    ("anker_link_name", [c_int], *_text),
    ("anker_output_type_name", [c_int], *_text),
    # case.h
    ("anker_case_new", [ctx_p, POINTER(case_p)], *_status),
    ("anker_case_free", [case_p], None, None),
    ("anker_case_clear", [case_p], None, None),
    ("anker_case_set_number", [case_p, c_char_p, c_double], *_status),
    ("anker_case_set_bool", [case_p, c_char_p, c_int], *_status),
    ("anker_case_set_level", [case_p, c_char_p, c_char_p], *_status),
    ("anker_case_set_json", [case_p, c_char_p, c_size_t, c_char_p, error_p], *_status),
    ("anker_case_set_missing", [case_p, c_char_p], *_status),
    ("anker_case_get_count", [case_p], c_size_t, None),
    ("anker_case_get_type", [case_p, c_char_p], c_int, None),
    # score.h
    ("anker_result_new", [ctx_p, POINTER(result_p)], *_status),
    ("anker_result_free", [result_p], None, None),
    ("anker_model_score", [model_p, case_p, c_uint, result_p, error_p], *_status),
    ("anker_result_get_number", [result_p, c_size_t], c_double, None),
    ("anker_result_get_level", [result_p, c_size_t], c_int, None),
    ("anker_result_get_linear_predictor", [result_p], c_double, None),
    ("anker_result_get_probability", [result_p], c_double, None),
    ("anker_result_get_band", [result_p], c_int, None),
    ("anker_result_get_band_name", [result_p], *_text),
    ("anker_result_get_band_label", [result_p], *_text),
    ("anker_result_get_flags", [result_p], c_uint, None),
    ("anker_result_get_variable_flags", [result_p, c_size_t], c_uint, None),
    ("anker_result_get_contribution_count", [result_p], c_size_t, None),
    ("anker_result_get_contribution", [result_p, c_size_t], c_double, None),
    ("anker_result_get_contribution_label", [result_p, c_size_t], *_text),
    ("anker_result_get_contribution_detail", [result_p, c_size_t], *_text),
    ("anker_result_get_model", [result_p], model_p, None),
    # fit.h
    ("anker_fit_new", [ctx_p, c_char_p, c_size_t, c_char_p, c_uint, error_p, POINTER(fit_p)],
     *_status),
    ("anker_fit_free", [fit_p], None, None),
    ("anker_fit_get_batch", [fit_p], batch_p, None),
    ("anker_fit_bind_outcome", [fit_p, c_char_p, c_void_p, c_size_t], *_status),
    ("anker_fit_bind_weights", [fit_p, c_char_p, c_void_p, c_size_t], *_status),
    ("anker_fit_bind_time", [fit_p, c_char_p, c_void_p, c_size_t], *_status),
    ("anker_fit_set_ties", [fit_p, c_int], *_status),
    ("anker_fit_set_l2", [fit_p, c_double], *_status),
    ("anker_fit_set_max_iterations", [fit_p, c_uint], *_status),
    ("anker_fit_set_tolerance", [fit_p, c_double], *_status),
    ("anker_fit_set_data", [fit_p, c_char_p, c_char_p], *_status),
    ("anker_fit_set_provenance", [fit_p, c_char_p, c_char_p], *_status),
    # progress reports are for the C caller and the CLI; Python never sets one
    ("anker_fit_set_progress", [fit_p, c_void_p, c_void_p], None, None),
    ("anker_fit_run", [fit_p, c_size_t, error_p], *_status),
    ("anker_fit_get_model_json", [fit_p], *_text),
    ("anker_fit_get_stats_json", [fit_p], *_text),
    # duration.h
    ("anker_result_get_survival", [result_p, c_double, c_double], c_double, None),
    ("anker_survival_form_name", [c_int], *_text),
    ("anker_model_get_survival_form", [model_p], c_int, None),
    ("anker_model_get_max_months", [model_p], c_double, None),
    ("anker_model_get_horizon_count", [model_p], c_size_t, None),
    ("anker_model_get_horizon", [model_p, c_size_t], c_int, None),
    ("anker_model_get_baseline_count", [model_p], c_size_t, None),
    ("anker_model_get_baseline", [model_p, c_size_t, POINTER(c_double), POINTER(c_double)],
     *_status),
    ("anker_model_get_weibull", [model_p, POINTER(c_double), POINTER(c_double)], c_int, None),
    # batch.h: column and output buffers are passed as addresses (c_void_p)
    ("anker_batch_new", [model_p, c_uint, POINTER(batch_p)], *_status),
    ("anker_batch_free", [batch_p], None, None),
    ("anker_batch_bind_f64", [batch_p, c_char_p, c_void_p, c_size_t], *_status),
    ("anker_batch_bind_i64", [batch_p, c_char_p, c_void_p, c_size_t], *_status),
    ("anker_batch_bind_i32", [batch_p, c_char_p, c_void_p, c_size_t], *_status),
    ("anker_batch_bind_u8", [batch_p, c_char_p, c_void_p, c_size_t], *_status),
    ("anker_batch_bind_strings", [batch_p, c_char_p, c_void_p, c_size_t], *_status),
    ("anker_batch_bind_absent", [batch_p, c_char_p], *_status),
    ("anker_batch_unbind_all", [batch_p], None, None),
    ("anker_batch_bind_output_f64", [batch_p, c_char_p, c_void_p], *_status),
    ("anker_batch_bind_output_i32", [batch_p, c_char_p, c_void_p], *_status),
    ("anker_batch_bind_contributions", [batch_p, c_void_p], *_status),
    ("anker_batch_bind_survival", [batch_p, c_double, c_double, c_void_p], *_status),
    ("anker_batch_set_case_outputs", [batch_p, c_void_p, c_void_p], None, None),
    ("anker_batch_get_counts",
     [batch_p, c_size_t, POINTER(c_uint64), POINTER(c_uint64), POINTER(c_uint64)], *_status),
    ("anker_batch_reset_counts", [batch_p], None, None),
    ("anker_batch_run", [batch_p, c_size_t, c_void_p, error_p], *_status),
    ("anker_batch_score",
     [batch_p, c_size_t, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p, error_p], *_status),
    # wwb.h
    ("anker_wwb_norms_new", [ctx_p, POINTER(wwb_norms_p)], *_status),
    ("anker_wwb_norms_add_file", [wwb_norms_p, c_char_p, error_p], *_status),
    ("anker_wwb_norms_add_buffer", [wwb_norms_p, c_char_p, c_size_t, c_char_p, error_p],
     *_status),
    ("anker_wwb_norms_add_directory", [wwb_norms_p, c_char_p, error_p], *_status),
    ("anker_wwb_norms_ref", [wwb_norms_p], wwb_norms_p, None),
    ("anker_wwb_norms_unref", [wwb_norms_p], wwb_norms_p, None),
    ("anker_wwb_norms_get_norm", [wwb_norms_p, c_char_p, c_char_p, POINTER(c_longlong),
                                  error_p], *_status),
    ("anker_wwb_norms_get_cost_sharing_norm",
     [wwb_norms_p, c_char_p, c_int, c_int, POINTER(c_longlong), error_p], *_status),
    ("anker_wwb_norms_get_cost_sharer_age", [wwb_norms_p, c_char_p, POINTER(c_int), error_p],
     *_status),
    ("anker_wwb_norms_get_asset_limit",
     [wwb_norms_p, c_char_p, c_char_p, POINTER(c_longlong), error_p], *_status),
    ("anker_wwb_norms_get_pension_age",
     [wwb_norms_p, c_char_p, POINTER(c_int), POINTER(c_int), ctypes.c_char_p, error_p],
     *_status),
    ("anker_wwb_household_parse",
     [ctx_p, c_char_p, c_size_t, c_char_p, error_p, POINTER(wwb_household_p)], *_status),
    ("anker_wwb_household_from_fields",
     [ctx_p, POINTER(c_char_p), POINTER(c_char_p), c_size_t, error_p, POINTER(wwb_household_p)],
     *_status),
    ("anker_wwb_household_field_name", [c_size_t], *_text),
    # building a household value by value (wwb.h); the binding builds households from JSON
    ("anker_wwb_household_new", [ctx_p, POINTER(wwb_household_p)], *_status),
    ("anker_wwb_household_set_reference_date", [wwb_household_p, c_char_p, error_p], *_status),
    ("anker_wwb_household_set_person", [wwb_household_p, c_int, c_char_p, error_p], *_status),
    ("anker_wwb_household_set_unemployed_since", [wwb_household_p, c_char_p, error_p],
     *_status),
    ("anker_wwb_household_set_parents_cannot_support", [wwb_household_p, c_int, c_int, error_p],
     *_status),
    ("anker_wwb_household_set_disregard_months_used",
     [wwb_household_p, c_int, c_int, error_p], *_status),
    ("anker_wwb_household_set_children", [wwb_household_p, c_int, error_p], *_status),
    ("anker_wwb_household_add_housemate", [wwb_household_p, c_char_p, c_char_p, c_int, error_p],
     *_status),
    ("anker_wwb_household_set_housemate_fact",
     [wwb_household_p, c_size_t, c_char_p, c_int, error_p], *_status),
    ("anker_wwb_household_add_income", [wwb_household_p, c_char_p, c_int, c_longlong, error_p],
     *_status),
    ("anker_wwb_household_add_asset", [wwb_household_p, c_char_p, c_longlong, error_p],
     *_status),
    ("anker_wwb_household_set_listed", [wwb_household_p, c_char_p, error_p], *_status),
    ("anker_wwb_household_set_gifts_in_year", [wwb_household_p, c_longlong, error_p], *_status),
    ("anker_wwb_household_set_home_equity", [wwb_household_p, c_longlong, error_p], *_status),
    ("anker_wwb_household_free", [wwb_household_p], None, None),
    ("anker_wwb_evaluate",
     [wwb_norms_p, wwb_household_p, c_char_p, error_p, POINTER(wwb_result_p)], *_status),
    ("anker_wwb_result_free", [wwb_result_p], None, None),
    ("anker_wwb_result_get_verdict", [wwb_result_p], *_status),
    ("anker_wwb_verdict_name", [c_int], *_text),
    ("anker_wwb_result_get_amount", [wwb_result_p, c_int, POINTER(c_longlong)], c_int, None),
    ("anker_wwb_amount_name", [c_int], *_text),
    ("anker_wwb_result_get_cost_sharers", [wwb_result_p], *_status),
    ("anker_wwb_result_get_routes", [wwb_result_p], c_uint, None),
    ("anker_wwb_route_name", [c_uint], *_text),
    ("anker_wwb_result_get_loan", [wwb_result_p], c_int, None),
    ("anker_wwb_result_get_reference_date", [wwb_result_p], *_text),
    ("anker_wwb_result_get_norms_valid_from", [wwb_result_p], *_text),
    ("anker_wwb_result_get_household_type", [wwb_result_p], *_text),
    ("anker_wwb_result_get_norm_name", [wwb_result_p], *_text),
    ("anker_wwb_result_get_line_count", [wwb_result_p], c_size_t, None),
    ("anker_wwb_result_get_line_code", [wwb_result_p, c_size_t], *_text),
    ("anker_wwb_result_get_line_article", [wwb_result_p, c_size_t], *_text),
    ("anker_wwb_result_get_line_text", [wwb_result_p, c_size_t, c_int], *_text),
    ("anker_wwb_result_get_missing_count", [wwb_result_p], c_size_t, None),
    ("anker_wwb_result_get_missing", [wwb_result_p, c_size_t], *_text),
    # timeline.h
    ("anker_timeline_new",
     [ctx_p, wwb_norms_p, c_char_p, c_char_p, c_int, c_int, error_p, POINTER(timeline_p)],
     *_status),
    ("anker_timeline_new_max_months",
     [ctx_p, wwb_norms_p, c_char_p, c_char_p, c_double, error_p, POINTER(timeline_p)], *_status),
    ("anker_timeline_parse",
     [ctx_p, wwb_norms_p, c_char_p, c_size_t, c_char_p, error_p, POINTER(timeline_p)], *_status),
    ("anker_timeline_from_fields",
     [ctx_p, wwb_norms_p, POINTER(c_char_p), POINTER(c_char_p), c_size_t, error_p,
      POINTER(timeline_p)], *_status),
    ("anker_timeline_field_name", [c_size_t], *_text),
    ("anker_timeline_free", [timeline_p], None, None),
    ("anker_timeline_get_ww_start", [timeline_p], *_text),
    ("anker_timeline_get_ww_end", [timeline_p], *_text),
    ("anker_timeline_get_ww_last_day", [timeline_p], *_text),
    ("anker_timeline_get_duration_months", [timeline_p], c_double, None),
    ("anker_timeline_get_capped", [timeline_p], c_int, None),
    ("anker_timeline_get_pension_date", [timeline_p], *_text),
    ("anker_timeline_get_count", [timeline_p], c_size_t, None),
    ("anker_timeline_get_rule", [timeline_p, c_size_t], *_text),
    ("anker_timeline_get_date", [timeline_p, c_size_t], *_text),
    ("anker_timeline_get_label", [timeline_p, c_size_t, c_int], *_text),
    ("anker_timeline_get_source", [timeline_p, c_size_t], *_text),
    ("anker_timeline_find", [timeline_p, c_char_p], ctypes.c_long, None),
    ("anker_timeline_rule_name", [c_size_t], *_text),
    ("anker_timeline_write_json", [timeline_p, c_void_p, c_size_t, POINTER(c_size_t), error_p],
     c_int, None),
    # assess.h
    ("anker_profile_load_file", [ctx_p, c_char_p, error_p, POINTER(profile_p)], *_status),
    ("anker_profile_ref", [profile_p], profile_p, None),
    ("anker_profile_unref", [profile_p], profile_p, None),
    ("anker_profile_get_id", [profile_p], *_text),
    ("anker_profile_get_version", [profile_p], *_text),
    ("anker_profile_get_wwb_alias", [profile_p], *_text),
    ("anker_profile_get_sha256", [profile_p], *_text),
    ("anker_profile_get_instrument_count", [profile_p], c_size_t, None),
    ("anker_profile_get_instrument_alias", [profile_p, c_size_t], *_text),
    ("anker_profile_get_instrument", [profile_p, c_size_t], model_p, None),
    ("anker_profile_get_rules", [profile_p], model_p, None),
    ("anker_profile_get_reason_count", [profile_p], c_size_t, None),
    ("anker_profile_get_reason_code", [profile_p, c_size_t], *_text),
    ("anker_profile_get_reason_label", [profile_p, c_size_t, c_char_p], *_text),
    ("anker_profile_assess", [profile_p, case_p, c_uint, POINTER(assessment_p), error_p],
     *_status),
    ("anker_profile_reassess", [profile_p, case_p, c_uint, assessment_p, error_p], *_status),
    ("anker_assessment_free", [assessment_p], None, None),
    ("anker_assessment_get_result", [assessment_p, c_size_t], result_p, None),
    ("anker_assessment_get_advice", [assessment_p], result_p, None),
    ("anker_assessment_get_advice_value", [assessment_p, c_char_p], *_text),
    ("anker_assessment_decide",
     [assessment_p, c_size_t, POINTER(c_char_p), POINTER(c_char_p), c_char_p, c_char_p, c_char_p,
      c_char_p, c_char_p, error_p], *_status),
    ("anker_assessment_set_case_id", [assessment_p, c_char_p], *_status),
    ("anker_assessment_set_previous", [assessment_p, c_char_p], *_status),
    ("anker_assessment_write_record",
     [assessment_p, c_void_p, c_size_t, POINTER(c_size_t), error_p], c_int, None),
    ("anker_assessment_write_record_file", [assessment_p, c_char_p, c_int, error_p], *_status),
    ("anker_assessment_get_record_sha256", [assessment_p, c_char_p], *_status),
    ("anker_profile_verify_record", [profile_p, c_char_p, c_size_t, c_char_p, error_p],
     *_status),
    ("anker_profile_verify_file", [profile_p, c_char_p, POINTER(c_size_t), error_p], *_status),
    ("anker_verify_file", [ctx_p, c_char_p, POINTER(c_size_t), error_p], *_status),
    # werkverkenner.h
    ("anker_model_get_output_factor", [model_p, c_size_t], *_status),
    ("anker_model_get_output_factor_text", [model_p, c_size_t, c_char_p], *_text),
    ("anker_assessment_diagnose",
     [assessment_p, c_size_t, POINTER(anker_factor_pull), c_size_t, POINTER(c_size_t), error_p],
     *_status),
    ("anker_assessment_get_missing_items",
     [assessment_p, c_size_t, POINTER(c_char_p), c_size_t, POINTER(c_size_t)], *_status),
    ("anker_profile_get_followup",
     [profile_p, POINTER(c_size_t), POINTER(c_char_p), POINTER(ctypes.c_double)], c_int, None),
    ("anker_assessment_get_followup", [assessment_p, POINTER(anker_followup)], c_int, None),
    # version.h: the function twin of every integer constant
    ("anker_constant_lookup", [c_char_p, POINTER(ctypes.c_longlong)], *_status),
    # evaluate.h
    ("anker_evaluation_new",
     [ctx_p, c_void_p, c_void_p, c_size_t, POINTER(evaluation_p), error_p], *_status),
    ("anker_evaluation_free", [evaluation_p], None, None),
    ("anker_evaluation_set_model", [evaluation_p, model_p], *_status),
    ("anker_evaluation_set_threshold", [evaluation_p, c_double], *_status),
    ("anker_evaluation_set_ratio_threshold", [evaluation_p, c_double], *_status),
    ("anker_evaluation_add_grouping", [evaluation_p, c_char_p, c_void_p, c_char_p, error_p],
     *_status),
    ("anker_evaluation_compute", [evaluation_p, error_p], *_status),
    ("anker_evaluation_get", [evaluation_p, c_int], c_double, None),
    ("anker_evaluation_get_reliability_count", [evaluation_p, c_int], c_size_t, None),
    ("anker_evaluation_get_reliability",
     [evaluation_p, c_int, c_size_t, POINTER(c_size_t), POINTER(c_double), POINTER(c_double)],
     *_status),
    ("anker_evaluation_get_classification_count", [evaluation_p], c_size_t, None),
    ("anker_evaluation_get_classification", [evaluation_p, c_size_t, c_int], c_double, None),
    ("anker_evaluation_get_grouping_count", [evaluation_p], c_size_t, None),
    ("anker_evaluation_get_grouping_name", [evaluation_p, c_size_t], *_text),
    ("anker_evaluation_get_grouping_missing", [evaluation_p, c_size_t], c_size_t, None),
    ("anker_evaluation_get_group_count", [evaluation_p, c_size_t], c_size_t, None),
    ("anker_evaluation_get_group_name", [evaluation_p, c_size_t, c_size_t], *_text),
    ("anker_evaluation_get_reference_group", [evaluation_p, c_size_t], c_long, None),
    ("anker_evaluation_get_group", [evaluation_p, c_size_t, c_size_t, c_int], c_double, None),
    ("anker_evaluation_get_group_flags", [evaluation_p, c_size_t, c_size_t], c_uint, None),
    ("anker_psi_numbers",
     [ctx_p, c_void_p, c_size_t, c_void_p, c_size_t, POINTER(c_double), POINTER(c_size_t),
      error_p], *_status),
    ("anker_psi_edges",
     [ctx_p, c_void_p, c_size_t, c_void_p, c_size_t, c_void_p, c_size_t, POINTER(c_double),
      POINTER(c_size_t), error_p], *_status),
    ("anker_psi_levels",
     [c_void_p, c_size_t, c_void_p, c_size_t, c_size_t, POINTER(c_double), error_p], *_status),
    ("anker_harrell_c",
     [ctx_p, c_void_p, c_void_p, c_void_p, c_size_t, c_double, POINTER(c_double), error_p],
     *_status),
    # overrides.h
    ("anker_overrides_read_text",
     [ctx_p, c_char_p, c_size_t, c_char_p, POINTER(overrides_p), error_p], *_status),
    ("anker_overrides_read_file", [ctx_p, c_char_p, POINTER(overrides_p), error_p], *_status),
    ("anker_overrides_free", [overrides_p], None, None),
    ("anker_overrides_get_profile_id", [overrides_p], *_text),
    ("anker_overrides_get_count", [overrides_p, c_int], c_size_t, None),
    ("anker_overrides_get_advice_count", [overrides_p, c_int], c_size_t, None),
    ("anker_overrides_get_advice",
     [overrides_p, c_int, c_size_t, POINTER(c_char_p), POINTER(c_size_t), POINTER(c_size_t),
      POINTER(c_size_t)], *_status),
    ("anker_overrides_get_cell_count", [overrides_p], c_size_t, None),
    ("anker_overrides_get_cell",
     [overrides_p, c_size_t, POINTER(c_char_p), POINTER(c_char_p), POINTER(c_char_p),
      POINTER(c_size_t)], *_status),
    ("anker_overrides_get_reason_count", [overrides_p], c_size_t, None),
    ("anker_overrides_get_reason",
     [overrides_p, c_size_t, POINTER(c_char_p), POINTER(c_size_t), POINTER(c_size_t)],
     *_status),
    ("anker_overrides_get_reason_label", [overrides_p, c_size_t, c_char_p], *_text),
    # simulate.h (no progress callback: calibration runs in C)
    ("anker_scenario_load_file", [ctx_p, c_char_p, error_p, POINTER(scenario_p)], *_status),
    ("anker_scenario_load_buffer",
     [ctx_p, c_char_p, c_size_t, c_char_p, error_p, POINTER(scenario_p)], *_status),
    ("anker_scenario_free", [scenario_p], None, None),
    ("anker_scenario_get_id", [scenario_p], *_text),
    ("anker_scenario_get_version", [scenario_p], *_text),
    ("anker_scenario_get_column_count", [scenario_p], c_size_t, None),
    ("anker_scenario_get_column_name", [scenario_p, c_size_t], *_text),
    ("anker_scenario_get_column_type", [scenario_p, c_size_t], *_status),
    ("anker_scenario_get_outcome_count", [scenario_p], c_size_t, None),
    ("anker_scenario_get_outcome_name", [scenario_p, c_size_t], *_text),
    ("anker_simulation_new",
     [scenario_p, ctypes.c_uint64, ctypes.c_uint64, c_void_p, c_void_p, error_p,
      POINTER(simulation_p)], *_status),
    ("anker_simulation_free", [simulation_p], None, None),
    ("anker_simulation_get_shift", [simulation_p, c_size_t], ctypes.c_double, None),
    ("anker_simulation_get_expected_rate", [simulation_p, c_size_t], ctypes.c_double, None),
    ("anker_simulation_write_header", [simulation_p, SIM_WRITE_FN, c_void_p, error_p], *_status),
    ("anker_simulation_write_rows",
     [simulation_p, ctypes.c_uint64, ctypes.c_uint64, SIM_WRITE_FN, c_void_p, error_p],
     *_status),
]



def _version_text(number):
    return "%d.%d.%d" % (number // 10000, number // 100 % 100, number % 100)


class OwnsHandles:
    """Releases its C handles in close(); ``with`` blocks and garbage collection call it too."""

    def close(self):
        raise NotImplementedError

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the module may be half torn down
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Library:
    """The loaded libanker, with one attribute per entry of the prototype table."""

    def __init__(self, cdll, path, prototypes=PROTOTYPES):
        self.cdll = cdll
        self.path = path
        version = cdll["anker_version_number"]
        version.argtypes, version.restype = [], c_uint
        self.version_number = version()
        self.version = _version_text(self.version_number)
        check_major(self.version_number, path)

        missing = []
        for name, argtypes, restype, errcheck in prototypes:
            try:
                func = cdll[name]  # a fresh function object, not shared with other users
            except AttributeError:
                missing.append(name)
                continue
            func.argtypes = argtypes
            func.restype = restype
            if errcheck is not None:
                func.errcheck = errcheck
            setattr(self, name, func)
        if missing:
            names = ", ".join(missing[:5])
            if len(missing) > 5:
                names += " and %d more functions" % (len(missing) - 5)
            raise LibraryError(
                "%s (libanker %s) lacks %s, which the anker Python binding %s needs "
                "(it is written for libanker >= %s): the library is older than the binding. "
                "Install a newer libanker, or point ANKER_LIBRARY at one."
                % (path, self.version, names, __version__, LIBRARY_MINIMUM))


def check_major(number, path):
    """Refuse a library of another major version: its ABI is not the one declared here."""
    if number // 10000 != LIBRARY_MAJOR:
        raise LibraryError(
            "%s is libanker %s, but the anker Python binding %s needs libanker %d.x "
            "(>= %s). Point ANKER_LIBRARY at a matching library."
            % (path, _version_text(number), __version__, LIBRARY_MAJOR, LIBRARY_MINIMUM))


def find_library():
    """Where to load libanker from.

    ANKER_LIBRARY wins. Inside the source tree, the library built in <repo>/build
    is used when it exists. Otherwise the dynamic linker finds it by SONAME.
    """
    override = os.environ.get("ANKER_LIBRARY")
    if override:
        return override
    here = Path(__file__).resolve()
    parents = here.parents
    if len(parents) > 3:
        root = parents[3]  # <repo>/bindings/python/anker/_lib.py
        if ((root / "include" / "anker" / "anker.h").is_file()
                and (root / "bindings" / "python" / "anker" / here.name).is_file()):
            built = root / "build" / "lib" / SONAME
            if built.exists():
                return str(built)
    return SONAME


def load(path=None):
    """Load libanker and declare its functions; raise LibraryError on any mismatch."""
    path = path or find_library()
    try:
        cdll = ctypes.CDLL(path)
    except OSError as e:
        raise LibraryError(
            "cannot load libanker (%s): %s. Install it, build it in the source tree "
            "(meson setup build && ninja -C build), or set ANKER_LIBRARY to the path of "
            "libanker.so.1." % (path, e)) from e
    try:
        cdll["anker_version_number"]
    except AttributeError:
        raise LibraryError("%s is not libanker: it has no anker_version_number" % path) from None
    return Library(cdll, path)


lib = load()


def constant(name):
    """The value of a public integer constant of the C headers, from the library itself."""
    value = ctypes.c_longlong()
    lib.anker_constant_lookup(name.encode(), ctypes.byref(value))
    return value.value


SCORE_IGNORE_EXTRA = constant("ANKER_SCORE_IGNORE_EXTRA")
SCORE_STRICT = constant("ANKER_SCORE_STRICT")
VALUE_FLAG_MISSING = constant("ANKER_VALUE_FLAG_MISSING")
VALUE_FLAG_IMPUTED = constant("ANKER_VALUE_FLAG_IMPUTED")
VALUE_FLAG_CLAMPED = constant("ANKER_VALUE_FLAG_CLAMPED")
BAND_BOUNDARY_LOWER = constant("ANKER_BAND_BOUNDARY_LOWER")
BAND_BOUNDARY_UPPER = constant("ANKER_BAND_BOUNDARY_UPPER")
