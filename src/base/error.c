/*
 * error.c - status strings and the error setter.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"

const char *
aft_status_str(aft_status code)
{
    switch (code) {
    case AFT_OK:
        return "ok";
    case AFT_ERROR:
        return "error";
    case AFT_ENOMEM:
        return "out of memory";
    case AFT_EIO:
        return "input/output error";
    case AFT_EINVALID:
        return "invalid input";
    case AFT_ENOTFOUND:
        return "not found";
    case AFT_EDB:
        return "database error";
    }
    return "unknown status";
}

int
aft_error_set(aft_error *err, aft_status code, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    err->code = code;
    err->detail = 0;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void
aft_error_clear(aft_error *err)
{
    if (err == NULL)
        return;
    err->code = AFT_OK;
    err->detail = 0;
    err->message[0] = '\0';
}
