/*
 * record.h - record rules shared inside the library but not part of the
 * public API (the public ones are in aftercast/model.h).
 */
#ifndef AFT_MODEL_RECORD_H
#define AFT_MODEL_RECORD_H

#include "aftercast/model.h"

/* The most characters (code points) one text field may hold: an Excel
 * cell's limit, so that every record fits the XLSX reports. */
#define AFT_RECORD_TEXT_MAX 32767

/* Every instant a maintenance can touch: from the earlier of its actual
 * and scheduled start to the later of its actual and scheduled end. The
 * store indexes maintenances by it and the engine groups them by it. */
aft_interval aft_record__maintenance_reach(const aft_maintenance *m);

#endif
