/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `anker verify`: re-assess records and check their hashes and chain (docs/assessment.md). */
#include <getopt.h>
#include <stdio.h>

#include <anker/anker.h>

#include "assess-io.h"
#include "command.h"

static const char help[] =
    "NAME\n"
    "    anker verify - check assessment records against their re-assessment\n"
    "\n"
    "SYNOPSIS\n"
    "    anker verify [--profile PROFILE] RECORDS.jsonl\n"
    "\n"
    "DESCRIPTION\n"
    "    Reads assessment records (JSON Lines; a single record is one line),\n"
    "    assesses each record's inputs again with the profile and its pinned\n"
    "    files, re-applies the recorded decision, and checks that every output,\n"
    "    the advice and the record's SHA-256 are identical, and that each record\n"
    "    with a \"previous\" field follows the record before it. A record written\n"
    "    with another profile or instrument file is refused. The first record\n"
    "    that fails is reported with its line and the JSON paths of the fields\n"
    "    that differ; no value from a record is printed.\n"
    "\n"
    "OPTIONS\n"
    "    --profile PROFILE\n"
    "        The profile the records were written with. Without it, the profile\n"
    "        the first record names (its file name, id and SHA-256) is looked for\n"
    "        in the records file's directory, the current directory, each\n"
    "        directory of ANKER_PROFILE_PATH (colon-separated) and the installed\n"
    "        profiles, in that order; a file of that name whose id or SHA-256\n"
    "        differs is no match. When none matches, every place tried is listed.\n"
    "\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "EXIT STATUS\n"
    "    0 every record verifies; 1 a record does not, or bad input; 2 bad\n"
    "    command line.\n"
    "\n"
    "EXAMPLES\n"
    "    anker verify records.jsonl\n"
    "    anker verify --profile data/profiles/demo-anker.json records.jsonl\n"
    "\n"
    "ENVIRONMENT\n"
    "    ANKER_PROFILE_PATH\n"
    "        Directories to look for profiles in, separated by colons.\n";

static int run(int argc, char **argv)
{
	enum { PROFILE = 256 };
	static const struct option options[] = {
	    {"profile", required_argument, NULL, PROFILE},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *profile_path = NULL;
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case PROFILE:
			profile_path = optarg;
			break;
		case 'h':
			return print_help(&command_verify);
		default:
			return option_error(argv[0], opt, argv);
		}
	}
	if (optind != argc - 1)
		return usage_error(argv[0], optind == argc ? "no records file given"
							   : "more than one records file given");
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_profile *p = NULL;
	int status = ANKER_EXIT_DATA;
	size_t count = 0;
	if (profile_path) {
		if (assess_open_profile(profile_path, &ctx, &err, &p) < 0)
			return ANKER_EXIT_DATA;
	} else if (anker_ctx_new(&ctx) < 0 || anker_error_new(&err) < 0) {
		message("out of memory");
		goto out;
	}
	if ((p ? anker_profile_verify_file(p, argv[optind], &count, err)
	       : anker_verify_file(ctx, argv[optind], &count, err)) < 0) {
		message("%s", anker_error_message(err));
		goto out;
	}
	printf("%zu record%s verified\n", count, count == 1 ? "" : "s");
	status = finish_stdout();
out:
	anker_profile_unref(p);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return status;
}

const struct command command_verify = {
    .name = "verify",
    .summary = "check assessment records against their re-assessment",
    .help = help,
    .run = run,
};
