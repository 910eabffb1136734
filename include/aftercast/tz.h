/**
 * @file
 * tz.h - IANA time zones read from the system's zoneinfo (TZif) files.
 *
 * Thread safety: an aft_tz is immutable once loaded. It keeps no global
 * state, so one zone can be shared read-only by any number of threads, and
 * several zones can be used at once.
 */
#ifndef AFTERCAST_TZ_H
#define AFTERCAST_TZ_H

#include <stdint.h>

#include "aftercast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded time zone (opaque): its transitions and offsets. */
typedef struct aft_tz aft_tz;

/**
 * Load zone @p name (such as "Europe/Berlin" or "UTC") from $TZDIR, else
 * /usr/share/zoneinfo.
 *
 * @param[out] out  the zone; the caller must free it with aft_tz_free()
 * @param name      IANA zone name
 * @param err       error record, or NULL
 * @return #AFT_OK, #AFT_ENOTFOUND for an unknown zone, #AFT_EINVALID for a
 *         malformed name or file, #AFT_ENOMEM.
 */
AFT_API int aft_tz_load(aft_tz **out, const char *name, aft_error *err);

/**
 * Free a zone.
 *
 * @param tz  the zone; NULL is a no-op
 */
AFT_API void aft_tz_free(aft_tz *tz);

/**
 * The zone's name.
 *
 * @param tz  the zone
 * @return the name given to aft_tz_load(), valid until the zone is freed.
 */
AFT_API const char *aft_tz_name(const aft_tz *tz);

/**
 * The UTC offset in force at an instant.
 *
 * @param tz  the zone
 * @param t   Unix seconds
 * @return seconds east of UTC (negative west).
 */
AFT_API int32_t aft_tz_offset(const aft_tz *tz, int64_t t);

/**
 * The instant at which the zone's clocks show @p local. A local time
 * skipped by a change is read with the offset in force before the change;
 * a repeated one is the first occurrence.
 *
 * @param tz     the zone
 * @param local  local seconds, counted as if the zone were UTC
 * @return Unix seconds.
 */
AFT_API int64_t aft_tz_local_to_utc(const aft_tz *tz, int64_t local);

#ifdef __cplusplus
}
#endif
#endif
