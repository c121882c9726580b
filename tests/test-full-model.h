/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The model test-score.c and test-batch.c share: every term type, and
 * variables with every missing-value and range policy. Batch scoring is checked
 * bit for bit against single-case scoring on it, whose numbers test-score.c
 * works out by hand, so both must read the very same model.
 * Written with ' for "; load it with test_model_from_quoted().
 * tests/golden/full-model.json is the same model as a file, with numpy's
 * scores for 17 cases beside it: change both together (test-batch.c checks
 * that the two score alike).
 */
#ifndef ANKER_TEST_FULL_MODEL_H
#define ANKER_TEST_FULL_MODEL_H

#define TEST_FULL_MODEL_BODY \
	"'variables':[" \
	"{'name':'age','kind':'numeric','range':[18,67],'out_of_range':'clamp'," \
	" 'missing':{'policy':'impute','value':40}}," \
	"{'name':'hours','kind':'numeric','range':[0,40]}," \
	"{'name':'months','kind':'numeric','range':[0,24],'missing':{'policy':'impute','value':6}}," \
	"{'name':'female','kind':'boolean','missing':{'policy':'impute','value':false}}," \
	"{'name':'care_duties','kind':'boolean'}," \
	"{'name':'education','kind':'categorical'," \
	" 'levels':['basic','vocational','higher','unknown']," \
	" 'missing':{'policy':'level','level':'unknown'}}," \
	"{'name':'region','kind':'categorical','levels':['north','south','west']," \
	" 'missing':{'policy':'impute','value':'west'}}," \
	"{'name':'sector','kind':'categorical','levels':['care','retail','other']}]," \
	"'link':'logit'," \
	"'terms':[" \
	"{'type':'intercept','name':'base','label':'Baseline','coef':0.5}," \
	"{'type':'linear','name':'age','label':'Age','variable':'age','coef':-0.02,'center':40}," \
	"{'type':'spline','name':'hours','label':'Hours','variable':'hours','knots':[5,10,30]," \
	" 'values':[-0.5,0.25,0.75]}," \
	"{'type':'bins','name':'months','label':'Months','variable':'months','edges':[3,12]," \
	" 'effects':[0.3,0,-0.6]}," \
	"{'type':'linear','name':'woman','label':'Woman','variable':'female','coef':-0.1}," \
	"{'type':'categorical','name':'education','label':'Education','variable':'education'," \
	" 'reference':'basic','effects':{'vocational':0.2,'higher':0.6,'unknown':-0.1}}," \
	"{'type':'categorical','name':'region','label':'Region','variable':'region'," \
	" 'reference':'west','effects':{'north':-0.15,'south':0.05}}," \
	"{'type':'categorical','name':'sector','label':'Sector','variable':'sector'," \
	" 'reference':'other','effects':{'care':0.4,'retail':-0.2}}," \
	"{'type':'interaction','name':'care_woman','label':'Care duties (women)','coef':-0.4," \
	" 'factors':[{'variable':'female'},{'variable':'care_duties'}]}," \
	"{'type':'interaction','name':'age_higher','label':'Age with higher education'," \
	" 'coef':0.01,'factors':[{'variable':'age'},{'variable':'education','level':'higher'}]}]," \
	"'bands':{'boundary':'lower','items':[{'name':'low','upper':0.25}," \
	"{'name':'mid','upper':0.5},{'name':'high','upper':0.75},{'name':'top'}]}}"

#endif
