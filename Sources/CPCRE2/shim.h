// The 8-bit PCRE2 API. PCRE2_CODE_UNIT_WIDTH must be set before pcre2.h, and a system-library target takes no -D.
#ifndef BYLINE_CPCRE2_SHIM_H
#define BYLINE_CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_UNSET is ~(PCRE2_SIZE)0, which Swift (size_t -> Int) reads as -1: the Swift side uses -1.
#endif
