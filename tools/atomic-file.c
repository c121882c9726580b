/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic-file.h"

struct atomic_file {
	char *target;
	char *temp;
	FILE *stream;
	mode_t mode;
};

/* The temporary file a fatal signal must remove. One at a time is all the program needs. */
static char pending_temp[PATH_MAX];
static volatile sig_atomic_t pending_armed;
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction saved_actions[sizeof(cleanup_signals) / sizeof(cleanup_signals[0])];

static void remove_pending_and_die(int sig)
{
	if (pending_armed)
		unlink(pending_temp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void arm_cleanup(const char *temp)
{
	if (strlen(temp) >= sizeof(pending_temp))
		return;
	strcpy(pending_temp, temp);
	pending_armed = 1;
	struct sigaction action;
	memset(&action, 0, sizeof(action));
	action.sa_handler = remove_pending_and_die;
	sigemptyset(&action.sa_mask);
	for (size_t i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++)
		sigaction(cleanup_signals[i], &action, &saved_actions[i]);
}

static void disarm_cleanup(void)
{
	if (!pending_armed)
		return;
	pending_armed = 0;
	for (size_t i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++)
		sigaction(cleanup_signals[i], &saved_actions[i], NULL);
}

/* The mode a plain fopen() would give a new file, or the existing target's mode. */
static mode_t target_mode(const char *target)
{
	struct stat st;
	if (stat(target, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

static void destroy(struct atomic_file *f)
{
	int saved = errno;
	if (f->stream)
		fclose(f->stream);
	if (f->temp)
		unlink(f->temp);
	disarm_cleanup();
	free(f->target);
	free(f->temp);
	free(f);
	errno = saved;
}

struct atomic_file *atomic_file_open(const char *target)
{
	struct atomic_file *f = calloc(1, sizeof(*f));
	char *dir_copy = strdup(target), *base_copy = strdup(target);
	if (!f || !dir_copy || !base_copy)
		goto fail_early;
	f->target = strdup(target);
	const char *dir = dirname(dir_copy), *base = basename(base_copy);
	size_t size = strlen(dir) + strlen(base) + sizeof("/..XXXXXX");
	f->temp = malloc(size);
	if (!f->target || !f->temp)
		goto fail_early;
	snprintf(f->temp, size, "%s/.%s.XXXXXX", dir, base);
	free(dir_copy);
	free(base_copy);
	dir_copy = base_copy = NULL;

	f->mode = target_mode(target);
	int fd = mkstemp(f->temp);
	if (fd < 0) {
		free(f->temp);
		f->temp = NULL;
		destroy(f);
		return NULL;
	}
	arm_cleanup(f->temp);
	f->stream = fdopen(fd, "w");
	if (!f->stream) {
		int saved = errno;
		close(fd);
		errno = saved;
		destroy(f);
		return NULL;
	}
	return f;

fail_early:
	free(dir_copy);
	free(base_copy);
	if (f) {
		free(f->target);
		free(f->temp);
		free(f);
	}
	errno = ENOMEM;
	return NULL;
}

FILE *atomic_file_stream(struct atomic_file *f)
{
	return f->stream;
}

/* Make the rename itself durable; failure here does not undo a completed rename. */
static void sync_directory(const char *target)
{
	char *copy = strdup(target);
	if (!copy)
		return;
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

int atomic_file_commit(struct atomic_file *f)
{
	int fd = fileno(f->stream);
	if (fflush(f->stream) != 0 || ferror(f->stream)) {
		if (errno == 0)
			errno = EIO;
		goto fail;
	}
	if (fchmod(fd, f->mode) != 0 || fsync(fd) != 0)
		goto fail;
	FILE *stream = f->stream;
	f->stream = NULL;
	if (fclose(stream) != 0)
		goto fail;
	if (rename(f->temp, f->target) != 0)
		goto fail;
	free(f->temp);
	f->temp = NULL;
	sync_directory(f->target);
	destroy(f);
	return 0;
fail:
	destroy(f);
	return -1;
}

void atomic_file_abort(struct atomic_file *f)
{
	if (f)
		destroy(f);
}
