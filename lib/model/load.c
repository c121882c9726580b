/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loading a model file: reading the bytes, parsing the JSON, the metadata
 * every kind shares, and the dispatch on "kind" through the kind table
 * (kind.h). The format is specified in docs/model-format.md; each kind's own
 * keys are read by its loader.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/date.h"
#include "kind.h"
#include "load-private.h"

static const char *const common_keys[] = {
	"format", "format_version", "kind", "id", "name", "version",
	"toets", "valid_from", "provenance", NULL,
};

#define FORMAT_NAME "anker-model"
#define FORMAT_VERSION 1

#define JR_TOETS_MAX 32

/* A letter, then letters, digits, '_' or '-': a name that fits a file name and a column. */
static bool is_toets_name(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

/* Provenance keys, in the order the model stores them; the first three are required. */
static const char *const provenance_keys[] = {
	"statement", "data", "fitted_by", "fitted_on", "method", "notes", NULL,
};
#define N_PROVENANCE_KEYS 6
#define N_PROVENANCE_REQUIRED 3

static bool is_model_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return false;
	return true;
}

static int copy_member(struct jr *jr, json_t *obj, const char *key, char **ret)
{
	const char *s = NULL;
	int r = jr_string(jr, obj, key, true, &s);
	return r < 0 ? r : jr_strdup(jr, s, ret);
}

static int load_id(struct jr *jr, json_t *root, struct anker_model *model)
{
	const char *id = NULL;
	int r = jr_string(jr, root, "id", true, &id);
	if (r < 0)
		return r;
	if (strlen(id) > JR_NAME_MAX)
		return jr_fail_at(jr, "id", ANKER_E_BAD_VALUE, "longer than %d bytes", JR_NAME_MAX);
	if (!is_model_id(id))
		return jr_fail_at(jr, "id", ANKER_E_BAD_VALUE,
				  "not a model id ([a-z0-9][a-z0-9._-]*)");
	return jr_strdup(jr, id, &model->id);
}

static int load_toets(struct jr *jr, json_t *root, struct anker_model *model)
{
	const char *toets = NULL;
	int r = jr_string(jr, root, "toets", true, &toets);
	if (r < 0)
		return r;
	/* The ANKER toetsen are documented; an agency may name a question of its own. */
	if (strlen(toets) > JR_TOETS_MAX)
		return jr_fail_at(jr, "toets", ANKER_E_BAD_VALUE, "longer than %d bytes",
				  JR_TOETS_MAX);
	if (!is_toets_name(toets))
		return jr_fail_at(jr, "toets", ANKER_E_BAD_VALUE,
				  "not a toets name ([A-Za-z][A-Za-z0-9_-]*), e.g. NT, AMT, RT, "
				  "BLIJF, WWB, WERKVERKENNER");
	return jr_strdup(jr, toets, &model->toets);
}

int anker_load_outcome(struct jr *jr, json_t *root, struct anker_model *model)
{
	static const char *const keys[] = { "description", "horizon_months", NULL };
	json_t *outcome = NULL;
	int r = jr_object(jr, root, "outcome", true, &outcome);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "outcome");
	long long horizon = 0;
	r = jr_check_keys(jr, outcome, keys, NULL);
	if (r == 0)
		r = copy_member(jr, outcome, "description", &model->outcome);
	if (r == 0)
		r = jr_integer(jr, outcome, "horizon_months", true, &horizon);
	if (r == 0 && (horizon < 1 || horizon > 120))
		r = jr_fail_at(jr, "horizon_months", ANKER_E_BAD_VALUE,
			       "%lld is outside 1..120", horizon);
	if (r == 0)
		model->horizon_months = (int)horizon;
	jr_pop(jr, mark);
	return r;
}

static int load_date(struct jr *jr, json_t *obj, const char *key, bool required, char **ret)
{
	const char *date = NULL;
	int r = jr_string(jr, obj, key, required, &date);
	if (r < 0 || !date)
		return r;
	if (!anker_is_valid_date(date))
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "not a calendar date YYYY-MM-DD");
	return jr_strdup(jr, date, ret);
}

static int load_provenance_entries(struct jr *jr, json_t *prov, struct anker_model *model)
{
	int r = jr_check_keys(jr, prov, provenance_keys, NULL);
	if (r < 0)
		return r;

	model->provenance = anker_alloc_zeroed(jr->ctx, N_PROVENANCE_KEYS,
					       sizeof(*model->provenance));
	if (!model->provenance)
		return jr_fail_no_memory(jr);
	for (size_t i = 0; i < N_PROVENANCE_KEYS; i++) {
		const char *key = provenance_keys[i];
		bool required = i < N_PROVENANCE_REQUIRED;
		char *value = NULL;
		if (strcmp(key, "fitted_on") == 0) {
			r = load_date(jr, prov, key, required, &value);
		} else {
			const char *s = NULL;
			r = jr_string(jr, prov, key, required, &s);
			if (r == 0 && s)
				r = jr_strdup(jr, s, &value);
		}
		if (r < 0)
			return r;
		if (!value)
			continue;
		struct anker_provenance_entry *entry = &model->provenance[model->n_provenance++];
		entry->value = value;
		/* the model owns every string it points to, keys included */
		r = jr_strdup(jr, key, &entry->key);
		if (r < 0)
			return r;
	}
	return 0;
}

static int load_provenance(struct jr *jr, json_t *root, struct anker_model *model)
{
	json_t *prov = NULL;
	int r = jr_object(jr, root, "provenance", true, &prov);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "provenance");
	r = load_provenance_entries(jr, prov, model);
	jr_pop(jr, mark);
	return r;
}

static int load_metadata(struct jr *jr, json_t *root, struct anker_model *model)
{
	int r = load_id(jr, root, model);
	if (r == 0)
		r = copy_member(jr, root, "name", &model->name);
	if (r == 0)
		r = copy_member(jr, root, "version", &model->version);
	if (r == 0)
		r = load_toets(jr, root, model);
	if (r == 0)
		r = load_date(jr, root, "valid_from", true, &model->valid_from);
	if (r == 0)
		r = load_provenance(jr, root, model);
	return r;
}

/* format, format_version and kind come first: a newer file is "unsupported", not "unknown key". */
static int load_header(struct jr *jr, json_t *root, const struct anker_kind **ret)
{
	int r = jr_format(jr, root, FORMAT_NAME, FORMAT_VERSION);
	if (r < 0)
		return r;

	const char *kind = NULL;
	r = jr_string(jr, root, "kind", true, &kind);
	if (r < 0)
		return r;
	const struct anker_kind *row = anker_kind_find(kind);
	if (!row)
		return jr_fail_at(jr, "kind", ANKER_E_UNSUPPORTED, "unknown model kind");
	if (!row->load)
		return jr_fail_at(jr, "kind", ANKER_E_UNSUPPORTED,
				  "model kind \"%s\" is reserved but not supported yet", kind);
	*ret = row;
	return 0;
}

static int load_root(struct jr *jr, json_t *root, struct anker_model *model)
{
	if (!json_is_object(root))
		return jr_fail(jr, ANKER_E_WRONG_TYPE, "a model file is a JSON object");

	const struct anker_kind *kind = NULL;
	int r = load_header(jr, root, &kind);
	if (r < 0)
		return r;
	model->kind = kind;

	r = jr_check_keys(jr, root, common_keys, kind->keys);
	if (r == 0)
		r = load_metadata(jr, root, model);
	if (r == 0)
		r = kind->load(jr, root, model);
	return r;
}

static int fail_at_file(struct anker_error *err, int code, const char *file, long line,
			long column, const char *fmt, ...) ANKER_PRINTF(6, 7);
static int fail_at_file(struct anker_error *err, int code, const char *file, long line,
			long column, const char *fmt, ...)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = file;
	where.line = line;
	where.column = column;
	va_list ap;
	va_start(ap, fmt);
	anker_failv(err, code, where, fmt, ap);
	va_end(ap);
	return code;
}

int anker_parse_json(const char *data, size_t size, const char *file, struct anker_error *err,
		     json_t **ret)
{
	json_error_t jerr;
	/* DECODE_ANY: a scalar at the top is a wrong type, reported by the loader. */
	json_t *root = json_loadb(data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (root) {
		*ret = root;
		return 0;
	}
	int code;
	switch (json_error_code(&jerr)) {
	case json_error_duplicate_key:
		code = ANKER_E_DUPLICATE;
		break;
	case json_error_out_of_memory:
		code = ANKER_E_NO_MEMORY;
		break;
	default:
		code = ANKER_E_SYNTAX;
		break;
	}
	return fail_at_file(err, code, file, jerr.line > 0 ? jerr.line : 0,
			    jerr.column > 0 ? jerr.column : 0, "%s", jerr.text);
}

static int load_bytes(struct anker_ctx *ctx, const char *data, size_t size, const char *file,
		      struct anker_error *err, struct anker_model **ret)
{
	if (size > ANKER_MODEL_MAX_BYTES)
		return fail_at_file(err, ANKER_E_TOO_LARGE, file, 0, 0,
				    "larger than %u bytes", ANKER_MODEL_MAX_BYTES);
	json_t *root = NULL;
	int r = anker_parse_json(data, size, file, err, &root);
	if (r < 0)
		return r;

	struct anker_model *model = anker_model_alloc(ctx);
	if (!model) {
		json_decref(root);
		return fail_at_file(err, ANKER_E_NO_MEMORY, file, 0, 0, "out of memory");
	}
	struct jr jr;
	jr_init(&jr, ctx, err, file);
	r = load_root(&jr, root, model);
	json_decref(root);
	if (r < 0) {
		anker_model_destroy(model);
		return r;
	}
	anker_sha256_hex(data, size, model->sha256);
	anker_log(ctx, ANKER_LOG_INFO, "loaded model %s version %s (sha256 %s)", model->id,
		  model->version, model->sha256);
	*ret = model;
	anker_error_clear(err);
	return 0;
}

ANKER_EXPORT int anker_model_load_buffer(struct anker_ctx *ctx, const char *data, size_t size,
					 const char *source_name, struct anker_error *err,
					 struct anker_model **ret)
{
	if (!ctx || !data || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_model_load_buffer: ctx, data and ret are required");
	return load_bytes(ctx, data, size, source_name ? source_name : "<buffer>", err, ret);
}

static int fail_errno(struct anker_error *err, const char *path, const char *what, int errnum)
{
	char buf[256];
	/* the GNU strerror_r: thread-safe, returns the message (maybe not in buf) */
	const char *reason = strerror_r(errnum, buf, sizeof(buf));
	return fail_at_file(err, ANKER_E_IO, path, 0, 0, "%s: %s", what, reason);
}

int anker_read_file(struct anker_ctx *ctx, int fd, const char *path, size_t max_bytes,
		    struct anker_error *err, char **ret_data, size_t *ret_size)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return fail_errno(err, path, "cannot stat", errno);
	if (S_ISDIR(st.st_mode))
		return fail_errno(err, path, "cannot read", EISDIR);
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max_bytes)
		return fail_at_file(err, ANKER_E_TOO_LARGE, path, 0, 0, "larger than %zu bytes",
				    max_bytes);

	/* One byte beyond the expected size shows EOF (or growth) in the same read. */
	size_t capacity = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
	size_t size = 0;
	char *data = anker_alloc(ctx, capacity);
	if (!data)
		return fail_at_file(err, ANKER_E_NO_MEMORY, path, 0, 0, "out of memory");
	for (;;) {
		if (size == capacity) {
			if (capacity > max_bytes) {
				anker_dealloc(ctx, data);
				return fail_at_file(err, ANKER_E_TOO_LARGE, path, 0, 0,
						    "larger than %zu bytes", max_bytes);
			}
			size_t grown = capacity * 2;
			if (grown > max_bytes + 1)
				grown = max_bytes + 1;
			char *bigger = anker_realloc_array(ctx, data, grown, 1);
			if (!bigger) {
				anker_dealloc(ctx, data);
				return fail_at_file(err, ANKER_E_NO_MEMORY, path, 0, 0,
						    "out of memory");
			}
			data = bigger;
			capacity = grown;
		}
		ssize_t n = read(fd, data + size, capacity - size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			anker_dealloc(ctx, data);
			return fail_errno(err, path, "cannot read", saved);
		}
		if (n == 0)
			break;
		size += (size_t)n;
	}
	if (size > max_bytes) {
		anker_dealloc(ctx, data);
		return fail_at_file(err, ANKER_E_TOO_LARGE, path, 0, 0, "larger than %zu bytes",
				    max_bytes);
	}
	*ret_data = data;
	*ret_size = size;
	return 0;
}

int anker_read_path(struct anker_ctx *ctx, const char *path, size_t max_bytes,
		    struct anker_error *err, char **ret_data, size_t *ret_size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return fail_errno(err, path, "cannot open", errno);
	int r = anker_read_file(ctx, fd, path, max_bytes, err, ret_data, ret_size);
	close(fd);
	return r;
}

ANKER_EXPORT int anker_model_load_file(struct anker_ctx *ctx, const char *path,
				       struct anker_error *err, struct anker_model **ret)
{
	if (!ctx || !path || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_model_load_file: ctx, path and ret are required");
	char *data = NULL;
	size_t size = 0;
	int r = anker_read_path(ctx, path, ANKER_MODEL_MAX_BYTES, err, &data, &size);
	if (r < 0)
		return r;
	r = load_bytes(ctx, data, size, path, err, ret);
	anker_dealloc(ctx, data);
	return r;
}

/* For the other file formats that read a whole JSON file and pin its bytes (lib/assess/). */
int anker_load_json_file(struct anker_ctx *ctx, const char *path, struct anker_error *err,
			 json_t **ret_root, char sha256[ANKER_SHA256_HEX_SIZE])
{
	char *data = NULL;
	size_t size = 0;
	int r = anker_read_path(ctx, path, ANKER_MODEL_MAX_BYTES, err, &data, &size);
	if (r < 0)
		return r;
	r = anker_parse_json(data, size, path, err, ret_root);
	if (r == 0)
		anker_sha256_hex(data, size, sha256);
	anker_dealloc(ctx, data);
	return r;
}
