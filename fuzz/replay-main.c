/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Runs a libFuzzer target over files without libFuzzer: every argument is a
 * file or a directory of files, each fed to LLVMFuzzerTestOneInput once.
 * Built always, so that the seed corpus (and any crash found later) is a
 * regression test under the normal build and its sanitizers.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t capacity = 4096, size = 0;
	uint8_t *data = malloc(capacity);
	for (;;) {
		if (!data) {
			fclose(f);
			return -1;
		}
		size += fread(data + size, 1, capacity - size, f);
		if (size < capacity)
			break;
		capacity *= 2;
		uint8_t *bigger = realloc(data, capacity);
		if (!bigger)
			free(data);
		data = bigger;
	}
	int failed = ferror(f);
	fclose(f);
	if (!failed)
		LLVMFuzzerTestOneInput(data, size);
	free(data);
	return failed ? -1 : 0;
}

static int run_path(const char *path, size_t *count)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return run_file(path);
	}
	DIR *dir = opendir(path);
	if (!dir) {
		perror(path);
		return -1;
	}
	int r = 0;
	struct dirent *entry;
	while ((entry = readdir(dir)) && r == 0) {
		if (entry->d_name[0] == '.')
			continue;
		char child[4096];
		snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
		r = run_path(child, count);
	}
	closedir(dir);
	return r;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIRECTORY...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (run_path(argv[i], &count) < 0)
			return 1;
	printf("%zu inputs replayed\n", count);
	return count > 0 ? 0 : 1;
}
