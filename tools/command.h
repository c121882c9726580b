/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The subcommands of `anker` and what they share: exit statuses, messages and
 * option errors. Each subcommand keeps its manual-page help text next to its code.
 */
#ifndef ANKER_TOOLS_COMMAND_H
#define ANKER_TOOLS_COMMAND_H

enum anker_exit {
	ANKER_EXIT_OK = 0,
	ANKER_EXIT_DATA = 1,  /* bad input data or model, or an I/O failure */
	ANKER_EXIT_USAGE = 2, /* bad command line */
};

struct command {
	const char *name;
	const char *summary; /* one line, for `anker --help` */
	const char *help;    /* the manual page: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, ... */
	/* argv[0] is the command name; returns an enum anker_exit value. */
	int (*run)(int argc, char **argv);
};

extern const struct command command_score;
extern const struct command command_fit;
extern const struct command command_model_info;
extern const struct command command_wwb;
extern const struct command command_timeline;
extern const struct command command_assess;
extern const struct command command_verify;
extern const struct command command_evaluate;
extern const struct command command_werkverkenner;
extern const struct command command_simulate;

/*
 * Print "anker: MESSAGE" as one line on stderr, with control characters and
 * invalid UTF-8 escaped (terminal-text.h): messages quote text from files.
 */
void message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A usage error of the program itself: the message, "Try 'anker --help'."; returns
 * ANKER_EXIT_USAGE. */
int main_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print a usage error for @p command and a pointer to its help; return ANKER_EXIT_USAGE. */
int usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Report the option error getopt_long() signalled by returning @p opt ('?' or ':',
 * with an optstring starting with ':'); return ANKER_EXIT_USAGE.
 */
int option_error(const char *command, int opt, char **argv);

/*
 * Flush stdout. On a write error (a full disk, /dev/full, a closed pipe) say so
 * and return ANKER_EXIT_DATA; otherwise return ANKER_EXIT_OK.
 */
int finish_stdout(void);

/* Print @p cmd's help on stdout; return ANKER_EXIT_OK (or ANKER_EXIT_DATA on a write error). */
int print_help(const struct command *cmd);

#endif
