/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The questionnaire the questionnaire tests score (written with ' for ").
 *
 * Items: l1, l2 Likert 1..5; l3 Likert 0..3; yn yes/no; num a number in
 * [0, 40]; ch a choice none (0), part (1), full (3).
 * Scales:
 * - S (index 0): sum, prorated, max_missing 1; l1, l2 reversed (6 - x),
 *   yn weight 2, ch; W = 5; levels low (<= 6), mid (<= 9), high ("lower").
 * - M (index 1): mean, max_missing 1; l1, l2, l3 weight 2 reversed (3 - x);
 *   levels low (< 2), high ("upper").
 * - N (index 2): sum, max_missing 0; num weight 0.5, l3; one level "all".
 * Contributions: S.l1 S.l2 S.yn S.ch (0-3), M.l1 M.l2 M.l3 (4-6), N.num N.l3 (7-8).
 */
#ifndef ANKER_TEST_QUESTIONNAIRE_H
#define ANKER_TEST_QUESTIONNAIRE_H

#define TQ_LIKERT5                                                                                  \
	"'options':[{'value':1,'label':{'nl':'helemaal oneens','en':'strongly disagree'}},"        \
	"{'value':2,'label':{'nl':'oneens','en':'disagree'}},"                                     \
	"{'value':3,'label':{'nl':'neutraal','en':'neutral'}},"                                    \
	"{'value':4,'label':{'nl':'eens','en':'agree'}},"                                          \
	"{'value':5,'label':{'nl':'helemaal eens','en':'strongly agree'}}]"

#define TQ_LEVEL(name, nl, en) "{'name':'" name "','label':{'nl':'" nl "','en':'" en "'}"

static const char test_questionnaire[] =
    "{'format':'anker-model','format_version':1,'kind':'questionnaire','id':'test-q',"
    "'name':'Test questionnaire','version':'1.0.0','toets':'MOTIVATIE',"
    "'valid_from':'2027-01-01','provenance':{'statement':'Test questionnaire, not a UWV "
    "instrument.','data':'none','fitted_by':'libanker tests'},"
    "'items':["
    "{'name':'l1','text':{'nl':'Vraag een','en':'Question one'},'response':'likert'," TQ_LIKERT5
    "},"
    "{'name':'l2','label':{'nl':'Twee','en':'Two'},'text':{'nl':'Vraag twee','en':'Question "
    "two'},'response':'likert'," TQ_LIKERT5 "},"
    "{'name':'l3','text':{'nl':'Vraag drie','en':'Question three'},'response':'likert',"
    "'options':[{'value':0,'label':{'nl':'nooit','en':'never'}},"
    "{'value':1,'label':{'nl':'soms','en':'sometimes'}},"
    "{'value':2,'label':{'nl':'vaak','en':'often'}},"
    "{'value':3,'label':{'nl':'altijd','en':'always'}}]},"
    "{'name':'yn','text':{'nl':'Ja of nee?','en':'Yes or no?'},'response':'yes_no'},"
    "{'name':'num','text':{'nl':'Hoeveel uur?','en':'How many hours?'},'response':'number',"
    "'range':[0,40]},"
    "{'name':'ch','text':{'nl':'Welke?','en':'Which?'},'response':'choice',"
    "'options':[{'code':'none','label':{'nl':'geen','en':'none'},'value':0},"
    "{'code':'part','label':{'nl':'deeltijd','en':'part time'},'value':1},"
    "{'code':'full','label':{'nl':'voltijd','en':'full time'},'value':3}]}"
    "],"
    "'scales':["
    "{'name':'S','label':{'nl':'Som','en':'Sum'},'rule':'sum','prorate':true,'max_missing':1,"
    "'items':[{'item':'l1'},{'item':'l2','reverse':true},{'item':'yn','weight':2},{'item':'ch'}],"
    "'levels':{'boundary':'lower','items':[" TQ_LEVEL("low", "laag", "low") ",'upper':6},"
    TQ_LEVEL("mid", "midden", "middle") ",'upper':9}," TQ_LEVEL("high", "hoog", "high") "}]}},"
    "{'name':'M','label':{'nl':'Gemiddelde','en':'Mean'},'rule':'mean','max_missing':1,"
    "'items':[{'item':'l1'},{'item':'l2','weight':1},{'item':'l3','weight':2,'reverse':true}],"
    "'levels':{'boundary':'upper','items':[" TQ_LEVEL("low", "laag", "low") ",'upper':2},"
    TQ_LEVEL("high", "hoog", "high") "}]}},"
    "{'name':'N','label':{'nl':'Uren','en':'Hours'},'rule':'sum',"
    "'items':[{'item':'num','weight':0.5},{'item':'l3'}],"
    "'levels':{'boundary':'lower','items':[" TQ_LEVEL("all", "alle", "all") "}]}}"
    "]}";

#endif
