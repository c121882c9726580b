/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The client summary of `anker werkverkenner --html`: one self-contained page
 * (inline CSS and SVG; no script, no font, no image, no link to any other
 * file or host), in Dutch or English. Accessibility: the page has a language
 * and a title; every SVG is role="img" with a <title> and <desc>; every
 * colour is doubled by text (band names on the scale, the client's band
 * outlined and named, factor values and "changeable" written next to the
 * bars, and a table with the same numbers); the text contrast is at least
 * 4.5:1 on white.
 */
#include <math.h>
#include <string.h>

#include "wv-outcome.h"
#include "wv-text.h"

/* Text content, escaped for HTML. */
static void esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static const char style[] =
    "body{font-family:sans-serif;max-width:46em;margin:1em auto;padding:0 1em;"
    "color:#1a1a1a;background:#fff;line-height:1.45}"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}"
    ".chance{font-size:1.3em;font-weight:bold}"
    ".flag{border:3px solid #1a1a1a;padding:.5em;font-weight:bold}"
    "table{border-collapse:collapse}td,th{border:1px solid #555;padding:.25em .5em;"
    "text-align:left}"
    "svg text{font-family:sans-serif;fill:#1a1a1a}"
    ".note{font-size:.9em;color:#444}";

/* Band colours: light, so that the black text on them keeps its contrast. */
static const char *const band_fill[] = {"#f4c7c3", "#fce8b2", "#d9ead3", "#b7e1cd"};

static void band_scale(FILE *out, const struct wv_outcome *o)
{
	const char *lang = o->lang;
	char pct[WV_NUMBER_SIZE];
	const struct anker_model *m = anker_profile_get_instrument(o->profile, o->estimate);
	int b = anker_model_find_output(m, "band");
	size_t n = b < 0 ? 0 : anker_model_get_output_level_count(m, (size_t)b);
	fputs("<svg role=\"img\" aria-labelledby=\"scale-title scale-desc\" width=\"600\" "
	      "height=\"110\" viewBox=\"0 0 600 110\">\n",
	      out);
	fputs("<title id=\"scale-title\">", out);
	esc(out, wv_text(WV_SCALE, lang));
	if (o->completed)
		fprintf(out, ": %s (%s)", wv_percent(pct, o->chance, lang), o->band_label);
	fputs("</title>\n<desc id=\"scale-desc\">", out);
	esc(out, wv_text(WV_SCALE_DESC, lang));
	fputs("</desc>\n", out);
	double lo = 0.0;
	int mine = -1;
	for (size_t k = 0; k < n; k++) {
		/* the band's own thresholds, so that the arrow falls inside the band named */
		double hi = anker_model_get_band_upper(m, k);
		const char *label = anker_model_get_output_level_label(m, (size_t)b, k);
		bool is_mine =
		    o->completed && o->band &&
		    strcmp(o->band, anker_model_get_output_level_name(m, (size_t)b, k)) == 0;
		if (is_mine)
			mine = (int)k;
		fprintf(out,
			"<rect x=\"%.1f\" y=\"30\" width=\"%.1f\" height=\"40\" fill=\"%s\" "
			"stroke=\"#1a1a1a\" stroke-width=\"%d\"/>\n",
			10 + 580 * lo, 580 * (hi - lo), band_fill[k % 4], is_mine ? 4 : 1);
		fprintf(out, "<text x=\"%.1f\" y=\"55\" text-anchor=\"middle\" font-size=\"14\"%s>",
			10 + 580 * (lo + hi) / 2, is_mine ? " font-weight=\"bold\"" : "");
		esc(out, label);
		fputs("</text>\n", out);
		lo = hi;
	}
	if (o->completed) {
		double x = 10 + 580 * o->chance;
		fprintf(out,
			"<polygon points=\"%.1f,28 %.1f,12 %.1f,12\" fill=\"#1a1a1a\"/>\n"
			"<text x=\"%.1f\" y=\"95\" text-anchor=\"middle\" font-size=\"16\" "
			"font-weight=\"bold\">%s</text>\n",
			x, x - 8, x + 8, fmin(fmax(x, 40), 560), wv_percent(pct, o->chance, lang));
	}
	(void)mine;
	fputs("</svg>\n", out);
}

static void factor_chart(FILE *out, const struct wv_outcome *o)
{
	const char *lang = o->lang;
	size_t n = o->n_factors;
	int h = 30 + 28 * (int)n;
	fprintf(out,
		"<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\" width=\"640\" "
		"height=\"%d\" viewBox=\"0 0 640 %d\">\n",
		h, h);
	fputs("<title id=\"chart-title\">", out);
	esc(out, wv_text(WV_FACTOR_CHART, lang));
	fputs("</title>\n<desc id=\"chart-desc\">", out);
	esc(out, wv_text(WV_FACTOR_CHART_DESC, lang));
	fputs("</desc>\n", out);
	/* in the diagnosis order: what lowers the chance most comes first */
	for (size_t k = 0; k < n; k++) {
		const struct wv_factor *f = &o->factors[k];
		int y = 20 + 28 * (int)k;
		double w = 200.0 * (f->score - 1.0) / 4.0;
		bool soft = f->type == ANKER_FACTOR_SOFT;
		fprintf(out, "<text x=\"0\" y=\"%d\" font-size=\"13\">", y + 14);
		esc(out, f->label);
		fprintf(out,
			"</text>\n<rect x=\"200\" y=\"%d\" width=\"200\" height=\"18\" "
			"fill=\"none\" stroke=\"#555\"/>\n"
			"<rect x=\"200\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>\n"
			"<text x=\"410\" y=\"%d\" font-size=\"13\">%.2f%s",
			y, y, w, soft ? "#1f5fa8" : "#6b6b6b", y + 14, f->score, soft ? " — " : "");
		if (soft)
			esc(out, wv_text(WV_SOFT_SHORT, lang));
		fputs("</text>\n", out);
	}
	fputs("</svg>\n", out);
	fputs("<table>\n<tr><th scope=\"col\">", out);
	esc(out, "Factor"); /* the same word in Dutch and English */
	fputs("</th><th scope=\"col\">", out);
	esc(out, wv_text(WV_SCORE_OF, lang));
	fputs("</th><th scope=\"col\">", out);
	esc(out, wv_text(WV_FACTOR_KIND, lang));
	fputs("</th></tr>\n", out);
	for (size_t k = 0; k < n; k++) {
		const struct wv_factor *f = &o->factors[k];
		fputs("<tr><td>", out);
		esc(out, f->label);
		fprintf(out, "</td><td>%.2f</td><td>", f->score);
		esc(out, wv_text(f->type == ANKER_FACTOR_SOFT ? WV_SOFT : WV_HARD, lang));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void diagnosis(FILE *out, const struct wv_outcome *o, size_t top)
{
	const char *lang = o->lang;
	fputs("<h2>", out);
	esc(out, wv_text(WV_FACTORS, lang));
	fputs("</h2>\n<ol>\n", out);
	size_t shown = 0;
	for (size_t k = 0; k < o->n_factors && shown < top && o->factors[k].pull < 0.0; k++) {
		const struct wv_factor *f = &o->factors[k];
		fputs("<li><strong>", out);
		esc(out, f->label);
		fputs("</strong> (", out);
		esc(out, wv_text(f->type == ANKER_FACTOR_SOFT ? WV_SOFT : WV_HARD, lang));
		fputs("): ", out);
		esc(out, f->say);
		fputs("</li>\n", out);
		shown++;
	}
	fputs("</ol>\n", out);
	if (shown == 0) {
		fputs("<p>", out);
		esc(out, wv_text(WV_NO_FACTORS, lang));
		fputs("</p>\n", out);
	}
}

static void followup(FILE *out, const struct wv_outcome *o)
{
	const char *lang = o->lang;
	char pct[WV_NUMBER_SIZE];
	const struct anker_followup *f = &o->followup;
	fputs("<h2>", out);
	esc(out, wv_text(WV_FOLLOWUP, lang));
	fputs("</h2>\n<p", out);
	fputs(f->flag ? " class=\"flag\">" : ">", out);
	esc(out, wv_text(WV_FIRST_ESTIMATE, lang));
	fprintf(out, ": %s (", wv_percent(pct, f->first_chance, lang));
	esc(out, o->first_band_label);
	fputs(")", out);
	if (!isnan(f->chance)) {
		fputs("; ", out);
		esc(out, wv_text(WV_NOW, lang));
		fprintf(out, ": %s (", wv_percent(pct, f->chance, lang));
		esc(out, o->followup_band_label);
		fputs(")", out);
	}
	fputs(". ", out);
	esc(out, wv_text(f->flag ? WV_FLAGGED : WV_NOT_FLAGGED, lang));
	fputs("</p>\n", out);
}

void wv_print_html(FILE *out, const struct wv_outcome *o, size_t top)
{
	const char *lang = o->lang && strcmp(o->lang, "nl") == 0 ? "nl" : "en";
	char pct[WV_NUMBER_SIZE];
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		lang);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	      out);
	esc(out, wv_text(WV_TITLE, lang));
	fputs("</title>\n<style>", out);
	fputs(style, out);
	fputs("</style>\n</head>\n<body>\n<main>\n<h1>", out);
	esc(out, wv_text(WV_TITLE, lang));
	fputs("</h1>\n", out);
	if (o->completed) {
		fputs("<p class=\"chance\">", out);
		esc(out, wv_text(WV_CHANCE, lang));
		fprintf(out, ": %s (", wv_percent(pct, o->chance, lang));
		esc(out, wv_text(WV_BAND, lang));
		fputs(" ", out);
		esc(out, o->band_label);
		fputs(")</p>\n", out);
	} else {
		fputs("<p class=\"chance\">", out);
		esc(out, wv_text(WV_NOT_COMPLETED, lang));
		fputs("</p>\n<h2>", out);
		esc(out, wv_text(WV_MISSING_ITEMS, lang));
		fputs("</h2>\n<ul>\n", out);
		for (size_t k = 0; k < o->n_missing; k++) {
			fputs("<li>", out);
			esc(out, o->missing_text[k] ? o->missing_text[k] : o->missing[k]);
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	band_scale(out, o);
	fputs("<h2>", out);
	esc(out, wv_text(WV_NEXT_STEP, lang));
	fputs("</h2>\n<p>", out);
	for (size_t k = 0; k < o->n_fields; k++) {
		esc(out, o->fields[k].label);
		fputs(": <strong>", out);
		esc(out, o->fields[k].value_label);
		fputs("</strong><br>\n", out);
	}
	esc(out, o->reason);
	fputs("</p>\n", out);
	if (o->has_followup)
		followup(out, o);
	if (o->completed) {
		diagnosis(out, o, top);
		factor_chart(out, o);
	}
	fputs("<p class=\"note\">", out);
	esc(out, wv_text(WV_SYNTHETIC_NOTE, lang));
	fputs("</p>\n</main>\n</body>\n</html>\n", out);
}
