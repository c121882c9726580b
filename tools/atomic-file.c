/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdatomic.h>
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

/*
 * The temporary file a fatal signal must remove. One at a time is all the
 * program needs. The handler reads only these, calls only async-signal-safe
 * functions (unlink, sigaction, raise) and keeps errno.
 */
static const char *volatile pending_temp;
static volatile sig_atomic_t pending_armed;
static struct sigaction saved_actions[NSIG];
static bool caught[NSIG];

/* Signals whose default action ends the process, apart from the real-time ones. */
static const int fatal_signals[] = {
    SIGHUP,    SIGINT,	SIGQUIT, SIGILL,  SIGTRAP, SIGABRT, SIGBUS,    SIGFPE,	SIGUSR1,
    SIGSEGV,   SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGXCPU, SIGVTALRM, SIGPROF, SIGSYS,
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGIO
    SIGIO,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
};

/*
 * Remove the temporary file, put back the signal's previous action (normally
 * the default) and raise the signal again. It is blocked while the handler
 * runs, so it arrives as soon as the handler returns, and the process dies of
 * it. For a fault (SIGSEGV, SIGBUS, ...) the raised signal arrives before the
 * faulting instruction would run again, with the same register state. Raising
 * also covers a fault signal sent with kill, which would not happen again.
 */
static void remove_pending_and_die(int sig)
{
	int saved_errno = errno;
	if (pending_armed)
		unlink(pending_temp);
	sigaction(sig, &saved_actions[sig], NULL);
	raise(sig);
	errno = saved_errno;
}

/* Fill @p set with every signal the handler is for (and only those, while installed). */
static void fatal_signal_set(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		sigaddset(set, fatal_signals[i]);
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		sigaddset(set, sig);
}

static void install_handlers(const sigset_t *set)
{
	struct sigaction action;
	memset(&action, 0, sizeof(action));
	action.sa_handler = remove_pending_and_die;
	/* One signal at a time: the first to arrive decides what the process dies of. */
	action.sa_mask = *set;
	for (int sig = 1; sig < NSIG; sig++) {
		caught[sig] = false;
		if (!sigismember(set, sig) || sigaction(sig, NULL, &saved_actions[sig]) != 0)
			continue;
		if (!(saved_actions[sig].sa_flags & SA_SIGINFO) &&
		    saved_actions[sig].sa_handler == SIG_IGN)
			continue; /* ignored on purpose by whoever started us */
		caught[sig] = sigaction(sig, &action, NULL) == 0;
	}
}

static void restore_handlers(void)
{
	for (int sig = 1; sig < NSIG; sig++)
		if (caught[sig])
			sigaction(sig, &saved_actions[sig], NULL);
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
	if (f->temp) {
		unlink(f->temp);
		pending_armed = 0;
		restore_handlers();
	}
	free(f->target);
	free(f->temp);
	free(f);
	errno = saved;
}

/* "DIR/.anker-XXXXXX" for the directory of @p target. */
static char *temp_template(const char *target)
{
	char *copy = strdup(target);
	if (!copy)
		return NULL;
	const char *dir = dirname(copy);
	size_t size = strlen(dir) + sizeof("/" ATOMIC_FILE_TEMP_NAME);
	char *temp = malloc(size);
	if (temp)
		snprintf(temp, size, "%s/%s", dir, ATOMIC_FILE_TEMP_NAME);
	free(copy);
	return temp;
}

struct atomic_file *atomic_file_open(const char *target)
{
	struct atomic_file *f = calloc(1, sizeof(*f));
	char *temp = temp_template(target);
	if (!f || !temp || !(f->target = strdup(target))) {
		free(temp);
		if (f)
			free(f->target);
		free(f);
		errno = ENOMEM;
		return NULL;
	}
	f->mode = target_mode(target);

	/* No signal between creating the file and knowing to remove it. */
	sigset_t set, old;
	fatal_signal_set(&set);
	sigprocmask(SIG_BLOCK, &set, &old);
	int fd = mkstemp(temp);
	int saved = errno;
	if (fd >= 0) {
		f->temp = temp;
		pending_temp = temp;
		atomic_signal_fence(memory_order_seq_cst); /* the name before the flag */
		pending_armed = 1;
		install_handlers(&set);
	} else {
		free(temp);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		destroy(f);
		errno = saved;
		return NULL;
	}
	f->stream = fdopen(fd, "w");
	if (!f->stream) {
		saved = errno;
		close(fd);
		destroy(f);
		errno = saved;
		return NULL;
	}
	return f;
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
	pending_armed = 0;
	restore_handlers();
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
