/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic-file.h"
#include "output-file.h"

/* As the kernel's own limit on symbolic links followed in one lookup. */
#define MAX_SYMLINK_HOPS 40

struct output_file {
	struct atomic_file *atomic; /* a regular file */
	FILE *stream;		    /* otherwise: standard output or a file written through */
	bool owned;		    /* stream is ours to close */
};

/* readlink() into a new string. */
static char *read_link(const char *path)
{
	size_t size = 256;
	for (;;) {
		char *buf = malloc(size);
		if (!buf)
			return NULL;
		ssize_t n = readlink(path, buf, size);
		if (n < 0) {
			free(buf);
			return NULL;
		}
		if ((size_t)n < size) {
			buf[n] = '\0';
			return buf;
		}
		free(buf);
		size *= 2;
	}
}

/*
 * Follow @p path through symbolic links to what it finally names: a new string,
 * with its lstat() in @p st, or with *exists false when nothing is there yet (a
 * new file, or a dangling link's target). NULL with errno set on failure.
 */
static char *follow_links(const char *path, struct stat *st, bool *exists)
{
	char *current = strdup(path);
	for (int hops = 0; current; hops++) {
		if (lstat(current, st) != 0) {
			if (errno != ENOENT)
				break;
			*exists = false;
			return current;
		}
		if (!S_ISLNK(st->st_mode)) {
			*exists = true;
			return current;
		}
		if (hops == MAX_SYMLINK_HOPS) {
			errno = ELOOP;
			break;
		}
		char *link = read_link(current);
		if (!link)
			break;
		char *next = NULL;
		if (link[0] == '/') {
			next = link;
		} else {
			/* A relative link is relative to the directory that holds it. */
			char *copy = strdup(current);
			const char *dir = copy ? dirname(copy) : NULL;
			size_t size = dir ? strlen(dir) + strlen(link) + 2 : 0;
			next = dir ? malloc(size) : NULL;
			if (next)
				snprintf(next, size, "%s/%s", dir, link);
			free(copy);
			free(link);
		}
		free(current);
		current = next;
		if (!current)
			errno = ENOMEM;
	}
	int saved = errno;
	free(current);
	errno = saved;
	return NULL;
}

static const char *refused_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISBLK(mode))
		return "a block device";
	return "not a regular file, FIFO or character device";
}

/* Open the FIFO or character device @p path and write through it. */
static struct output_file *open_through(const char *path, char *why, size_t why_size)
{
	struct output_file *f = calloc(1, sizeof(*f));
	int fd = f ? open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY) : -1;
	if (fd >= 0)
		f->stream = fdopen(fd, "w");
	if (!f || !f->stream) {
		snprintf(why, why_size, "%s: cannot open for writing: %s", path,
			 strerror(f ? errno : ENOMEM));
		if (fd >= 0)
			close(fd);
		free(f);
		return NULL;
	}
	f->owned = true;
	return f;
}

struct output_file *output_file_open(const char *path, const struct stat *input,
				     const char *input_name, char *why, size_t why_size)
{
	if (strcmp(path, "-") == 0) {
		struct output_file *f = calloc(1, sizeof(*f));
		if (!f)
			snprintf(why, why_size, "out of memory");
		else
			f->stream = stdout;
		return f;
	}
	struct stat st;
	bool exists = false;
	char *target = follow_links(path, &st, &exists);
	if (!target) {
		snprintf(why, why_size, "%s: cannot write there: %s", path, strerror(errno));
		return NULL;
	}
	struct output_file *f = NULL;
	if (exists && input && S_ISREG(st.st_mode) && st.st_dev == input->st_dev &&
	    st.st_ino == input->st_ino) {
		snprintf(why, why_size,
			 "%s: is the same file as the input %s; refusing to replace the cases "
			 "with their scores",
			 path, input_name);
	} else if (exists && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
		f = open_through(target, why, why_size);
	} else if (exists && !S_ISREG(st.st_mode)) {
		snprintf(why, why_size,
			 "%s: is %s; --out takes a regular file (replaced whole at the end), a "
			 "FIFO or a character device",
			 path, refused_kind(st.st_mode));
	} else {
		f = calloc(1, sizeof(*f));
		if (f)
			f->atomic = atomic_file_open(target);
		if (!f || !f->atomic) {
			snprintf(why, why_size, "%s: cannot create a temporary file next to it: %s",
				 path, strerror(f ? errno : ENOMEM));
			free(f);
			f = NULL;
		}
	}
	free(target);
	return f;
}

FILE *output_file_stream(struct output_file *f)
{
	return f->atomic ? atomic_file_stream(f->atomic) : f->stream;
}

int output_file_commit(struct output_file *f)
{
	int rc = 0;
	if (f->atomic) {
		rc = atomic_file_commit(f->atomic);
	} else {
		if (fflush(f->stream) != 0 || ferror(f->stream)) {
			if (errno == 0)
				errno = EIO;
			rc = -1;
		}
		int saved = errno;
		if (f->owned && fclose(f->stream) != 0 && rc == 0)
			rc = -1, saved = errno;
		errno = saved;
	}
	free(f);
	return rc;
}

void output_file_abort(struct output_file *f)
{
	if (!f)
		return;
	if (f->atomic)
		atomic_file_abort(f->atomic);
	else if (f->owned)
		fclose(f->stream);
	free(f);
}
