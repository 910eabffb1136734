/*
 * sha256.h - SHA-256 (FIPS 180-4), for the checksums of report packs.
 */
#ifndef AFT_BASE_SHA256_H
#define AFT_BASE_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* Room for a digest as lower-case hex, with its NUL. */
#define AFT_SHA256_HEX 65

typedef struct aft_sha256 {
    uint32_t h[8];
    uint64_t bytes;        /* message length so far */
    unsigned char buf[64]; /* the block being filled */
    size_t n;              /* bytes in buf */
} aft_sha256;

void aft_sha256_init(aft_sha256 *s);
void aft_sha256_update(aft_sha256 *s, const void *data, size_t len);
/* The digest (32 bytes) into out; s must be initialised again to reuse. */
void aft_sha256_final(aft_sha256 *s, unsigned char out[32]);

/* The digest of len bytes at data as lower-case hex into hex. Returns hex. */
char *aft_sha256_hex(char hex[AFT_SHA256_HEX], const void *data, size_t len);

/* The digest of the file at path as hex; 0, or -1 with errno set. */
int aft_sha256_file(char hex[AFT_SHA256_HEX], const char *path);

#endif
