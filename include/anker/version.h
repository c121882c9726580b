/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file version.h
 * @brief Compile-time and run-time version information.
 */
#ifndef ANKER_VERSION_H
#define ANKER_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Major version of the headers. @since 1.0 */
#define ANKER_VERSION_MAJOR 1
/** @brief Minor version of the headers. @since 1.0 */
#define ANKER_VERSION_MINOR 0
/** @brief Micro version of the headers. @since 1.0 */
#define ANKER_VERSION_MICRO 0
/** @brief The header version as a string, "MAJOR.MINOR.MICRO". @since 1.0 */
#define ANKER_VERSION_STRING "1.0.0"
/**
 * @brief The header version as one comparable number, MAJOR*10000 + MINOR*100 + MICRO.
 * @since 1.0
 */
#define ANKER_VERSION_NUMBER \
	(ANKER_VERSION_MAJOR * 10000 + ANKER_VERSION_MINOR * 100 + ANKER_VERSION_MICRO)

/**
 * @brief The version of the library that is actually loaded, as "MAJOR.MINOR.MICRO".
 *
 * Compare with ANKER_VERSION_STRING to detect a header/library mismatch.
 * @return a static string; never NULL.
 * @since 1.0
 */
const char *anker_version_string(void);

/**
 * @brief The loaded library's version in the form of ANKER_VERSION_NUMBER.
 * @since 1.0
 */
unsigned int anker_version_number(void);

/**
 * @brief The value of a public integer constant, by its name in the headers.
 *
 * The function twin of every enum value and integer macro (e.g.
 * "ANKER_SCORE_IGNORE_EXTRA", "ANKER_BAND_BOUNDARY_LOWER", "ANKER_NAME_MAX"), for
 * bindings that cannot read C headers.
 * @param[out] ret_value the value; untouched on failure.
 * @return 0, ANKER_E_NOT_FOUND, or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_constant_lookup(const char *name, long long *ret_value);

#ifdef __cplusplus
}
#endif
#endif
