/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing a file so that it is never half-written: output goes to a temporary
 * file in the target's directory, which replaces the target only on commit.
 */
#ifndef ANKER_TOOLS_ATOMIC_FILE_H
#define ANKER_TOOLS_ATOMIC_FILE_H

#include <stdio.h>

struct atomic_file;

/*
 * Create the temporary file for @p target. On failure returns NULL with errno set.
 * Until commit or abort, SIGINT, SIGTERM, SIGHUP and SIGPIPE remove the temporary file
 * before the process dies of them.
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
