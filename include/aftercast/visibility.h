/**
 * @file
 * visibility.h - AFT_API marks the functions libaftercast exports.
 *
 * The library is compiled with hidden visibility (AFT_BUILDING_LIBRARY
 * defined), so only declarations marked AFT_API appear in the shared
 * library's dynamic symbol table; users see a plain declaration.
 */
#ifndef AFTERCAST_VISIBILITY_H
#define AFTERCAST_VISIBILITY_H

#if defined(AFT_BUILDING_LIBRARY) && defined(__GNUC__)
#define AFT_API __attribute__((visibility("default")))
#else
/** Export marker of a public declaration (empty outside the library). */
#define AFT_API
#endif

#endif
