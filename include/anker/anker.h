/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file anker.h
 * @brief The umbrella header of libanker: include this one.
 */
#ifndef ANKER_ANKER_H
#define ANKER_ANKER_H

#include <anker/version.h>
#include <anker/error.h>
#include <anker/context.h>
#include <anker/model.h>
#include <anker/case.h>
#include <anker/score.h>
#include <anker/batch.h>
#include <anker/fit.h>
#include <anker/duration.h>
#include <anker/wwb.h>
#include <anker/timeline.h>
#include <anker/assess.h>
#include <anker/evaluate.h>
#include <anker/overrides.h>
#include <anker/werkverkenner.h>
#include <anker/simulate.h>

#endif
