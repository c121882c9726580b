/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A small rule table for the rules suites, in quoted JSON (' for "). Inputs:
 * [0] A.band (low, mid, high), [1] A.p in [0, 1], [2] Q.level (laag, hoog).
 * Advice: [0] service (self, coach), [1] route (A, B). Rules:
 *   [0] r_low:     A.band == low                  -> coach, B
 *   [1] r_p:       A.p < 0.3 and Q.level in laag  -> coach, A
 *   [2] r_missing: Q.level missing                -> coach, A
 *   [3] r_default                                 -> self, A
 */
#ifndef ANKER_TEST_RULES_H
#define ANKER_TEST_RULES_H

#define TEST_RULES_TEXT(x) "{'nl': '" x "', 'en': '" x "'}"

static const char test_rules_quoted[] =
    "{'format': 'anker-model', 'format_version': 1, 'kind': 'rules',"
    " 'id': 'test-rules', 'name': 'Test rules', 'version': '1', 'toets': 'ADVIES', 'valid_from': "
    "'2027-01-01',"
    " 'provenance': {'statement': 's', 'data': 'd', 'fitted_by': 'f'},"
    " 'inputs': ["
    "  {'name': 'A.band', 'levels': ['low', 'mid', 'high']},"
    "  {'name': 'A.p', 'range': [0, 1]},"
    "  {'name': 'Q.level', 'levels': ['laag', 'hoog']}],"
    " 'advice': ["
    "  {'name': 'service', 'label': " TEST_RULES_TEXT(
	"Service") ", 'levels': ["
		   "    {'name': 'self', 'label': " TEST_RULES_TEXT(
		       "Self") "},"
			       "    {'name': 'coach', 'label': " TEST_RULES_TEXT(
				   "Coach") "}]},"
					    "  {'name': 'route', 'label': " TEST_RULES_TEXT(
						"Route") ", 'levels': ["
							 "    {'name': 'A', "
							 "'label': " TEST_RULES_TEXT(
							     "A") "},"
								  "    {'name': 'B', "
								  "'label': " TEST_RULES_TEXT(
								      "B") "}]}],"
									   " 'rules': ["
									   "  {'id': 'r_low', "
									   "'when': {'input': "
									   "'A.band', 'op': '==', "
									   "'value': 'low'},"
									   "   'advice': "
									   "{'service': 'coach', "
									   "'route': 'B'}, "
									   "'reason':"
									   " " TEST_RULES_TEXT(
									       "low") "},"
										      "  {'id': "
										      "'r_p', "
										      "'when': "
										      "{'all': "
										      "[{'input': "
										      "'A.p', "
										      "'op': '<', "
										      "'value': "
										      "0.3},"
										      "     "
										      "{'input': "
										      "'Q.level', "
										      "'op': 'in', "
										      "'value': "
										      "['laag']}]},"
										      "   "
										      "'advice': "
										      "{'service': "
										      "'coach', "
										      "'route': "
										      "'A'}, "
										      "'reason':"
										      " " TEST_RULES_TEXT(
											  "p") "},"
											       "  "
											       "{'"
											       "id'"
											       ": "
											       "'r_"
											       "mis"
											       "sin"
											       "g',"
											       " '"
											       "whe"
											       "n':"
											       " {'"
											       "inp"
											       "ut'"
											       ": "
											       "'Q."
											       "lev"
											       "el'"
											       ", "
											       "'op"
											       "': "
											       "'mi"
											       "ssi"
											       "ng'"
											       "},"
											       "   "
											       "'ad"
											       "vic"
											       "e':"
											       " {'"
											       "ser"
											       "vic"
											       "e':"
											       " '"
											       "coa"
											       "ch'"
											       ", "
											       "'ro"
											       "ute"
											       "': "
											       "'A'"
											       "}, "
											       "'re"
											       "aso"
											       "n':"
											       " " TEST_RULES_TEXT(
												   "missing") "},"
													      "  {'id': 'r_default', 'advice': {'service': 'self', 'route': 'A'},"
													      "   'reason': " TEST_RULES_TEXT(
														  "default") "}]}";

#endif
