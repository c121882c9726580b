/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "private.h"

ANKER_EXPORT const char *anker_version_string(void)
{
	return ANKER_VERSION_STRING;
}

ANKER_EXPORT unsigned int anker_version_number(void)
{
	return ANKER_VERSION_NUMBER;
}
