/*
 * record.c - the rules every layer reads a record by: what an impact
 * covers, and when a maintenance's work actually ran.
 */
#include "aftercast/model.h"
#include "model/record.h"

aft_interval
aft_impact_span(const aft_incident *inc, const aft_impact *imp, int64_t as_of)
{
    aft_interval s;

    s.start = imp->start != AFT_TIME_NONE ? imp->start : inc->started_at;
    s.end = imp->end != AFT_TIME_NONE           ? imp->end
            : inc->resolved_at != AFT_TIME_NONE ? inc->resolved_at
                                                : as_of;
    if (s.end > as_of)
        s.end = as_of;
    if (s.end < s.start)
        s.end = s.start;
    return s;
}

aft_interval
aft_maintenance_actual(const aft_maintenance *m)
{
    aft_interval s;

    s.start = m->actual_start != AFT_TIME_NONE ? m->actual_start
                                               : m->scheduled_start;
    s.end = m->actual_end != AFT_TIME_NONE ? m->actual_end : m->scheduled_end;
    return s;
}

aft_interval
aft_record__maintenance_reach(const aft_maintenance *m)
{
    aft_interval a = aft_maintenance_actual(m), s;

    s.start = a.start < m->scheduled_start ? a.start : m->scheduled_start;
    s.end = a.end > m->scheduled_end ? a.end : m->scheduled_end;
    return s;
}
