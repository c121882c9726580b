/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing a regular file so that it is never half-written: output goes to a
 * temporary file in the target's directory, which replaces the target only on
 * commit. Any signal that would end the process removes the temporary file
 * first, and the process then dies of that same signal.
 */
#ifndef ANKER_TOOLS_ATOMIC_FILE_H
#define ANKER_TOOLS_ATOMIC_FILE_H

#include <stdio.h>

struct atomic_file;

/* The temporary file's name in the target's directory: short, so that any valid target fits. */
#define ATOMIC_FILE_TEMP_NAME ".anker-XXXXXX"

/*
 * Create the temporary file for @p target, which must not be a symbolic link
 * (rename() would replace the link, not its target): resolve links first. On
 * failure returns NULL with errno set.
 *
 * Until commit or abort, every catchable signal whose default action ends the
 * process (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
 * SIGXCPU, SIGVTALRM, SIGPROF, the real-time signals, ...) removes the temporary
 * file, restores the signal's previous action and raises it again. Signals that
 * were ignored when the program started (nohup) stay ignored.
 */
struct atomic_file *atomic_file_open(const char *target);

/* The stream to write to. */
FILE *atomic_file_stream(struct atomic_file *f);

/*
 * Flush, fsync and rename over the target, then free @p f. On failure the
 * temporary file is removed, the target is untouched, and -1 is returned
 * with errno set.
 */
int atomic_file_commit(struct atomic_file *f);

/* Remove the temporary file and free @p f; NULL is a no-op. */
void atomic_file_abort(struct atomic_file *f);

#endif
