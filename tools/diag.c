/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "terminal-text.h"

struct formatted {
	char small[1024];
	char *big;
	const char *text;
	size_t len;
};

/* vsnprintf into @p f, into the heap when the text is long; release with free(f->big). */
__attribute__((format(printf, 2, 0))) static void vformat(struct formatted *f, const char *fmt,
							  va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(f->small, sizeof(f->small), fmt, copy);
	va_end(copy);
	f->big = NULL;
	f->text = f->small;
	if (n < 0) {
		f->text = "(the message could not be formatted)";
		f->len = strlen(f->text);
		return;
	}
	f->len = (size_t)n;
	if (f->len < sizeof(f->small))
		return;
	f->big = malloc(f->len + 1);
	if (f->big) {
		vsnprintf(f->big, f->len + 1, fmt, ap);
		f->text = f->big;
	} else {
		f->len = sizeof(f->small) - 1; /* show what fits */
	}
}

/*
 * "anker: [COMMAND: ]TEXT" as one line on stderr, escaped: the text quotes file
 * names, header names, cells and the library's messages, any of which can hold
 * control characters (see terminal-text.h). Then @p hint, a fixed text of our
 * own, on a line of its own when it is not NULL.
 */
static void emit(const char *command, const struct formatted *f, const char *hint)
{
	fputs("anker: ", stderr);
	if (command) {
		terminal_text_write(stderr, command, strlen(command));
		fputs(": ", stderr);
	}
	terminal_text_write(stderr, f->text, f->len);
	fputc('\n', stderr);
	if (hint)
		fprintf(stderr, "%s\n", hint);
}

void message(const char *fmt, ...)
{
	struct formatted f;
	va_list ap;
	va_start(ap, fmt);
	vformat(&f, fmt, ap);
	va_end(ap);
	emit(NULL, &f, NULL);
	free(f.big);
}

int main_usage_error(const char *fmt, ...)
{
	struct formatted f;
	va_list ap;
	va_start(ap, fmt);
	vformat(&f, fmt, ap);
	va_end(ap);
	emit(NULL, &f, "Try 'anker --help'.");
	free(f.big);
	return ANKER_EXIT_USAGE;
}

int usage_error(const char *command, const char *fmt, ...)
{
	struct formatted f;
	char hint[128];
	va_list ap;
	va_start(ap, fmt);
	vformat(&f, fmt, ap);
	va_end(ap);
	snprintf(hint, sizeof(hint), "Try 'anker help %s'.", command);
	emit(command, &f, hint);
	free(f.big);
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

int finish_stdout(void)
{
	/*
	 * errno is not reset first: when the failing write was an earlier one (a text
	 * longer than the buffer), fflush() has nothing left to write, and errno still
	 * holds the cause from that write.
	 */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		message("write error: %s", strerror(errno ? errno : EIO));
		return ANKER_EXIT_DATA;
	}
	return ANKER_EXIT_OK;
}

int print_help(const struct command *cmd)
{
	fputs(cmd->help, stdout);
	return finish_stdout();
}
