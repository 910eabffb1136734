/*
 * version.c - the library version.
 */
#include "aftercast/aftercast.h"

const char *
aft_version(void)
{
    return AFT_VERSION;
}
