/*
 * json_error.c - what a failed jansson parse means, in our words.
 */
#include <string.h>

#include "base/json_error.h"

int
aft_json_error_is_oom(const json_error_t *e)
{
    return json_error_code(e) == json_error_out_of_memory || e->text[0] == '\0';
}

const char *
aft_json_error_text(const json_error_t *e)
{
    if (strstr(e->text, "JSON_ALLOW_NUL") != NULL
        || strncmp(e->text, "control character 0x0 ", 22) == 0)
        return "NUL character not allowed";
    return e->text;
}
