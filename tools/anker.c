/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anker: the command-line face of libanker.
 *
 * The program never calls setlocale(): it stays in the "C" locale, so that
 * numbers are read and written with a decimal point whatever LC_ALL says.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <anker/anker.h>

#include "command.h"

#ifndef ANKER_PROGRAM_VERSION
#define ANKER_PROGRAM_VERSION ANKER_VERSION_STRING
#endif

static const struct command *const commands[] = {
    &command_score,
    &command_fit,
    &command_model_info,
    &command_wwb,
    &command_timeline,
    &command_assess,
    &command_verify,
    &command_evaluate,
    &command_werkverkenner,
    &command_simulate,
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char help_header[] =
    "NAME\n"
    "    anker - score cases with the assessment models of libanker\n"
    "\n"
    "SYNOPSIS\n"
    "    anker COMMAND [OPTIONS] [ARGUMENTS]\n"
    "    anker help [COMMAND]\n"
    "    anker --version\n"
    "    anker --help\n"
    "\n"
    "DESCRIPTION\n"
    "    anker loads versioned JSON model files (statistical toetsen such as\n"
    "    the arbeidsmarkttoets) and scores cases with them, explaining every\n"
    "    score term by term.\n"
    "\n"
    "COMMANDS\n";

static const char help_footer[] =
    "    help [COMMAND]\n"
    "        Show this help, or the manual page of COMMAND.\n"
    "\n"
    "OPTIONS\n"
    "    -h, --help\n"
    "        Show this help.\n"
    "\n"
    "    -V, --version\n"
    "        Show the program's version and that of the library it runs with.\n"
    "\n"
    "EXIT STATUS\n"
    "    0   success\n"
    "    1   bad input data or model, or a read or write failure; a message\n"
    "        starting with \"anker: \" on standard error says what and where\n"
    "    2   bad command line\n"
    "\n"
    "EXAMPLES\n"
    "    anker model-info data/models/demo-amt-6m.json\n"
    "    anker score --model data/models/demo-amt-6m.json --in examples/data/caseload.csv\n"
    "    anker help score\n"
    "    anker assess --profile data/profiles/demo-anker.json --case client.json\n"
    "    anker verify --profile data/profiles/demo-anker.json records.jsonl\n"
    "    anker werkverkenner --profile data/profiles/demo-werkverkenner.json \\\n"
    "        --case examples/data/wv-ingrid.json --lang en\n";

static int print_main_help(void)
{
	FILE *out = stdout;
	fputs(help_header, out);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "    %s\n        %s; see anker help %s.\n\n", commands[i]->name,
			commands[i]->summary, commands[i]->name);
	fputs(help_footer, out);
	return finish_stdout();
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	return main_usage_error("unknown command '%s'", name);
}

static int help(int argc, char **argv)
{
	if (argc == 1)
		return print_main_help();
	if (argc > 2) {
		return main_usage_error("help takes at most one command");
	}
	const struct command *cmd = find_command(argv[1]);
	if (!cmd)
		return unknown_command(argv[1]);
	return print_help(cmd);
}

int main(int argc, char **argv)
{
	/*
	 * Beyond a file-size limit (ulimit -f), write() then fails with EFBIG instead
	 * of the kernel ending the process: the failure is reported like any other
	 * write error, and a temporary output file is removed.
	 */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		fputs("anker: no command given\nTry 'anker --help'.\n", stderr);
		return ANKER_EXIT_USAGE;
	}
	const char *first = argv[1];
	if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0) {
		printf("anker %s (libanker %s)\n", ANKER_PROGRAM_VERSION, anker_version_string());
		return finish_stdout();
	}
	if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0)
		return print_main_help();
	if (strcmp(first, "help") == 0)
		return help(argc - 1, argv + 1);
	if (first[0] == '-') {
		return main_usage_error("unknown option '%s'", first);
	}
	const struct command *cmd = find_command(first);
	if (!cmd)
		return unknown_command(first);
	return cmd->run(argc - 1, argv + 1);
}
