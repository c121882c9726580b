/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file simulate.h
 * @brief A seeded synthetic caseload generator driven by a scenario file.
 *
 * A **scenario** (format `anker-scenario`, docs/simulation.md) declares a
 * population (variables and how each is drawn), optionally a questionnaire
 * that the simulated clients fill in, and outcomes drawn from **truth
 * models** (ordinary binary or duration model files). A **simulation** is a
 * scenario with a seed and a number of cases: it calibrates any target rate
 * once, and then writes any range of its cases as CSV rows.
 *
 * The output is a function of (scenario, seed, cases) alone, to the byte:
 * every case draws from its own random stream, derived from the seed and the
 * case's index, so chunking and threads do not change it. Normal draws use
 * the platform's libm (log, sqrt, cos); every written value is rounded, so
 * results agree across platforms in practice, but only one platform's are
 * guaranteed.
 *
 * A scenario and a simulation are immutable once made: any number of threads
 * may write rows of one simulation at once.
 */
#ifndef ANKER_SIMULATE_H
#define ANKER_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include <anker/context.h>
#include <anker/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A loaded scenario. Opaque and immutable. @since 1.0 */
struct anker_scenario;

/** @brief A scenario with a seed, a number of cases and calibrated shifts. Opaque, immutable.
 * @since 1.0 */
struct anker_simulation;

/**
 * @brief What a column of the simulated caseload holds.
 * @since 1.0
 */
enum anker_sim_column_type {
	ANKER_SIM_COLUMN_TEXT = 1, /**< the case id ("SIM0000001") */
	ANKER_SIM_COLUMN_INTEGER =
	    2, /**< a whole number: uniform_int draws, Likert answers, outcomes, months */
	ANKER_SIM_COLUMN_NUMBER = 3,  /**< a decimal number (written with a '.', never a ',') */
	ANKER_SIM_COLUMN_BOOLEAN = 4, /**< 1 or 0 */
	ANKER_SIM_COLUMN_LEVEL = 5,   /**< a level name or a questionnaire option's code */
};

/** @brief Largest scenario file accepted, in bytes (ANKER_E_TOO_LARGE beyond). @since 1.0 */
#define ANKER_SCENARIO_MAX_BYTES (1024u * 1024u)

/**
 * @brief Load and check a scenario file, with the questionnaire and truth
 * models it names (paths relative to the scenario file's directory).
 * @param err optional error details: the file, the JSON path (e.g.
 *        "$.variables[3].draw.type") and the field.
 * @param[out] ret the scenario; untouched on failure.
 * @return 0 or a negative ANKER_E_* code (docs/simulation.md lists which).
 * @since 1.0
 */
int anker_scenario_load_file(struct anker_ctx *ctx, const char *path, struct anker_error *err,
			     struct anker_scenario **ret);

/**
 * @brief Load a scenario from a buffer of JSON text.
 * @param source_name the name errors cite (NULL for "<buffer>"); the files
 *        the scenario names are resolved relative to its directory (the
 *        current directory when it has none).
 * @since 1.0
 */
int anker_scenario_load_buffer(struct anker_ctx *ctx, const char *data, size_t size,
			       const char *source_name, struct anker_error *err,
			       struct anker_scenario **ret);

/** @brief Free a scenario; NULL is a no-op. Free its simulations first. @since 1.0 */
void anker_scenario_free(struct anker_scenario *scenario);

/** @brief The scenario's id. @since 1.0 */
const char *anker_scenario_get_id(const struct anker_scenario *scenario);
/** @brief The scenario's version. @since 1.0 */
const char *anker_scenario_get_version(const struct anker_scenario *scenario);
/** @brief The number of CSV columns (0 for NULL). @since 1.0 */
size_t anker_scenario_get_column_count(const struct anker_scenario *scenario);
/** @brief The name of column @p index, or NULL when out of range. @since 1.0 */
const char *anker_scenario_get_column_name(const struct anker_scenario *scenario, size_t index);
/**
 * @brief The type (enum anker_sim_column_type) of column @p index,
 * ANKER_E_NOT_FOUND when out of range, ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_scenario_get_column_type(const struct anker_scenario *scenario, size_t index);
/** @brief The number of outcomes (0 for NULL). @since 1.0 */
size_t anker_scenario_get_outcome_count(const struct anker_scenario *scenario);
/** @brief The name of outcome @p index, or NULL when out of range. @since 1.0 */
const char *anker_scenario_get_outcome_name(const struct anker_scenario *scenario, size_t index);

/**
 * @brief Called during calibration and by callers that write in chunks.
 * @param done cases handled so far; @param total cases in all.
 * @since 1.0
 */
typedef void (*anker_sim_progress_fn)(void *data, uint64_t done, uint64_t total);

/**
 * @brief Make a simulation of @p cases cases under @p seed.
 *
 * For every binary outcome with a `target_rate`, this generates all @p cases
 * cases once and finds by bisection the one constant that, added to the truth
 * model's linear predictor, makes the mean chance over the cases the truth
 * model can score equal the target (docs/simulation.md).
 * @param scenario the scenario; it must outlive the simulation.
 * @param cases at least 1.
 * @param progress optional, called during calibration; @param progress_data its argument.
 * @param[out] ret the simulation; untouched on failure.
 * @return 0, ANKER_E_INVALID_ARGUMENT, ANKER_E_BAD_VALUE (a target and no
 *         case the truth model can score) or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_simulation_new(const struct anker_scenario *scenario, uint64_t seed, uint64_t cases,
			 anker_sim_progress_fn progress, void *progress_data,
			 struct anker_error *err, struct anker_simulation **ret);

/** @brief Free a simulation; NULL is a no-op. @since 1.0 */
void anker_simulation_free(struct anker_simulation *sim);

/**
 * @brief The shift added to outcome @p outcome's linear predictor: 0 for an
 * outcome without a target rate, NaN when out of range or for NULL.
 * @since 1.0
 */
double anker_simulation_get_shift(const struct anker_simulation *sim, size_t outcome);

/**
 * @brief The mean chance of binary outcome @p outcome over the cases its
 * truth model scores, after the shift (the expected rate); NaN for a
 * duration outcome, out of range or NULL.
 * @since 1.0
 */
double anker_simulation_get_expected_rate(const struct anker_simulation *sim, size_t outcome);

/**
 * @brief Receives CSV text: whole lines, in order.
 * @return 0 to go on; anything else stops the write, which then fails with ANKER_E_IO.
 * @since 1.0
 */
typedef int (*anker_sim_write_fn)(void *data, const char *text, size_t size);

/**
 * @brief Write the CSV header line (column names, comma-separated, "\n").
 * @return 0, ANKER_E_INVALID_ARGUMENT or ANKER_E_IO (the writer refused).
 * @since 1.0
 */
int anker_simulation_write_header(const struct anker_simulation *sim, anker_sim_write_fn write,
				  void *data, struct anker_error *err);

/**
 * @brief Write the CSV rows of cases [@p first, @p first + @p count): the
 * same bytes however the cases are split into calls or threads.
 * @return 0, ANKER_E_INVALID_ARGUMENT (a range beyond the simulation's
 *         cases), ANKER_E_IO (the writer refused) or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_simulation_write_rows(const struct anker_simulation *sim, uint64_t first, uint64_t count,
				anker_sim_write_fn write, void *data, struct anker_error *err);

#ifdef __cplusplus
}
#endif
#endif
