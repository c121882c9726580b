/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "command.h"

void message(const char *fmt, ...)
{
	va_list ap;
	fputs("anker: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "anker: %s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'anker help %s'.\n", command);
	return ANKER_EXIT_USAGE;
}

int option_error(const char *command, int opt, char **argv)
{
	const char *arg = argv[optind - 1];
	if (opt == ':')
		return usage_error(command, "option '%s' needs an argument", arg);
	if (optopt && strncmp(arg, "--", 2) != 0)
		return usage_error(command, "unknown option '-%c'", optopt);
	return usage_error(command, "unknown option '%s'", arg);
}

int print_help(const struct command *cmd)
{
	fputs(cmd->help, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		message("cannot write the help text: %s", strerror(errno));
		return ANKER_EXIT_DATA;
	}
	return ANKER_EXIT_OK;
}
