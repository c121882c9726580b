/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The files of a command that reads a caseload and writes one row per case:
 * the CSV input ("-" is standard input) with its reader, and --out opened
 * through output-file.h with the input's identity, so that an output that is
 * the input itself is refused. Failures are reported with message() and
 * return ANKER_EXIT_DATA. anker score and anker wwb use it.
 */
#ifndef ANKER_TOOLS_CASELOAD_FILES_H
#define ANKER_TOOLS_CASELOAD_FILES_H

#include <stdio.h>

#include "csv-reader.h"
#include "output-file.h"

struct caseload_files {
	FILE *in;
	const char *in_name; /* for messages: the path, or "<stdin>" */
	struct csv_reader *reader;
	struct output_file *out_file; /* NULL: standard output */
	FILE *out;
};

/* Open the input and, when @p out_path is not NULL, the output. 0 or ANKER_EXIT_DATA. */
int caseload_files_open(struct caseload_files *f, const char *in_path, const char *out_path);

/* Commit the output (or flush standard output). 0 or ANKER_EXIT_DATA. */
int caseload_files_commit(struct caseload_files *f, const char *out_path);

/* Close everything; an output not committed is abandoned. */
void caseload_files_close(struct caseload_files *f);

#endif
