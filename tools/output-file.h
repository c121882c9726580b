/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Where `anker score --out FILE` writes, decided by what FILE is:
 *
 *   - "-": standard output;
 *   - a regular file, or a name that does not exist yet: written all or nothing
 *     through an atomic_file (a temporary file next to it, renamed over it at
 *     the end);
 *   - a symbolic link: followed to its final target, which is then treated as
 *     above, so that the link survives and points at the new content;
 *   - a FIFO or a character device (/dev/null, a terminal): opened and written
 *     through, with no temporary file and no rename;
 *   - anything else (a directory, a socket, a block device): refused.
 *
 * A regular file that is the input itself (the same device and inode, whatever
 * the names, links or symbolic links) is refused too: it would be replaced by
 * the scores.
 */
#ifndef ANKER_TOOLS_OUTPUT_FILE_H
#define ANKER_TOOLS_OUTPUT_FILE_H

#include <stdio.h>
#include <sys/stat.h>

struct output_file;

/*
 * Open @p path for the output. @p input is the input's fstat(), or NULL. On
 * failure returns NULL with a message (without the "anker: " prefix, naming
 * @p path and, for the same-file refusal, @p input_name) in @p why.
 */
struct output_file *output_file_open(const char *path, const struct stat *input,
				     const char *input_name, char *why, size_t why_size);

/* The stream to write to. */
FILE *output_file_stream(struct output_file *f);

/*
 * Flush (and for a regular file: fsync and rename), then free @p f. Returns 0,
 * or -1 with errno set; a regular target is then untouched.
 */
int output_file_commit(struct output_file *f);

/* Give up: remove any temporary file, close, free. NULL is a no-op. */
void output_file_abort(struct output_file *f);

#endif
