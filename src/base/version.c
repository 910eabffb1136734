/*
 * version.c - the library version, AFT_VERSION_STRING of the headers it
 * was built with.
 */
#include "aftercast/version.h"

const char *
aft_version(void)
{
    return AFT_VERSION_STRING;
}
