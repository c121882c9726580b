/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

#include "caseload-files.h"
#include "command.h"

int caseload_files_open(struct caseload_files *f, const char *in_path, const char *out_path)
{
	bool is_stdin = strcmp(in_path, "-") == 0;
	f->in_name = is_stdin ? "<stdin>" : in_path;
	f->in = is_stdin ? stdin : fopen(in_path, "rb");
	if (!f->in) {
		message("%s: cannot open: %s", in_path, strerror(errno));
		return ANKER_EXIT_DATA;
	}
	f->reader = csv_reader_new(fileno(f->in));
	if (!f->reader) {
		message("out of memory");
		return ANKER_EXIT_DATA;
	}
	f->out = stdout;
	if (!out_path)
		return 0;
	struct stat st;
	bool have_input = fstat(fileno(f->in), &st) == 0;
	char why[PATH_MAX + 256];
	f->out_file =
	    output_file_open(out_path, have_input ? &st : NULL, f->in_name, why, sizeof(why));
	if (!f->out_file) {
		message("%s", why);
		return ANKER_EXIT_DATA;
	}
	f->out = output_file_stream(f->out_file);
	return 0;
}

int caseload_files_commit(struct caseload_files *f, const char *out_path)
{
	if (!f->out_file)
		return finish_stdout();
	struct output_file *file = f->out_file;
	f->out_file = NULL;
	if (output_file_commit(file) < 0) {
		message("%s: write error: %s", out_path, strerror(errno ? errno : EIO));
		return ANKER_EXIT_DATA;
	}
	return 0;
}

void caseload_files_close(struct caseload_files *f)
{
	output_file_abort(f->out_file);
	f->out_file = NULL;
	csv_reader_free(f->reader);
	f->reader = NULL;
	if (f->in && f->in != stdin)
		fclose(f->in);
	f->in = NULL;
}
