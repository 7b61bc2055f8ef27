// The slice of the ICU C API that Byline uses, under stable names.
//
// ICU exports only version-suffixed symbols (ubrk_open_72); the plain names are macros that Swift
// cannot import, and macros such as UBRK_DONE or U_FAILURE are not visible either. These inline
// wrappers give fixed names, so the Swift code builds against any ICU version.
#ifndef BYLINE_CICU_SHIM_H
#define BYLINE_CICU_SHIM_H
#include <stdint.h>
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

static const int32_t byline_ubrk_done = UBRK_DONE;
static const int32_t byline_ubrk_word_none_limit = UBRK_WORD_NONE_LIMIT;
static const int32_t byline_ubrk_word_number_limit = UBRK_WORD_NUMBER_LIMIT;
static const int32_t byline_ubrk_word_letter_limit = UBRK_WORD_LETTER_LIMIT;
static const int32_t byline_ubrk_word_kana_limit = UBRK_WORD_KANA_LIMIT;
static const int32_t byline_ubrk_word_ideo_limit = UBRK_WORD_IDEO_LIMIT;

static inline int byline_u_failure(UErrorCode code) { return U_FAILURE(code); }
static inline const char *byline_u_errorName(UErrorCode code) { return u_errorName(code); }
static inline void byline_u_getVersion(uint8_t *version) { u_getVersion(version); }

// UText over UTF-8: break iterators then report UTF-8 byte offsets.
static inline UText *byline_utext_openUTF8(const char *s, int64_t length, UErrorCode *status) {
    return utext_openUTF8(NULL, s, length, status);
}
static inline void byline_utext_close(UText *ut) { utext_close(ut); }

static inline UBreakIterator *byline_ubrk_open_word(const char *locale, UErrorCode *status) {
    return ubrk_open(UBRK_WORD, locale, NULL, 0, status);
}
static inline UBreakIterator *byline_ubrk_open_sentence(const char *locale, UErrorCode *status) {
    return ubrk_open(UBRK_SENTENCE, locale, NULL, 0, status);
}
static inline void byline_ubrk_setUText(UBreakIterator *bi, UText *text, UErrorCode *status) {
    ubrk_setUText(bi, text, status);
}
static inline int32_t byline_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t byline_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t byline_ubrk_getRuleStatus(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }
static inline void byline_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }

// Normalization.
static inline const UNormalizer2 *byline_nfkc_casefold(UErrorCode *status) {
    return unorm2_getNFKCCasefoldInstance(status);
}
static inline const UNormalizer2 *byline_nfc(UErrorCode *status) { return unorm2_getNFCInstance(status); }
static inline int32_t byline_unorm2_normalize(const UNormalizer2 *n, const UChar *src, int32_t length,
                                              UChar *dest, int32_t capacity, UErrorCode *status) {
    return unorm2_normalize(n, src, length, dest, capacity, status);
}

// Transliteration.
static inline UTransliterator *byline_utrans_open(const UChar *id, int32_t idLength, UErrorCode *status) {
    UParseError parseError;
    return utrans_openU(id, idLength, UTRANS_FORWARD, NULL, 0, &parseError, status);
}
static inline void byline_utrans_transUChars(const UTransliterator *trans, UChar *text, int32_t *textLength,
                                             int32_t capacity, int32_t *limit, UErrorCode *status) {
    utrans_transUChars(trans, text, textLength, capacity, 0, limit, status);
}
static inline void byline_utrans_close(UTransliterator *trans) { utrans_close(trans); }

// UTF-8 <-> UTF-16 for short strings (tokens, list entries), never whole documents.
static inline void byline_u_strFromUTF8(UChar *dest, int32_t capacity, int32_t *length,
                                        const char *src, int32_t srcLength, UErrorCode *status) {
    u_strFromUTF8(dest, capacity, length, src, srcLength, status);
}
static inline void byline_u_strToUTF8(char *dest, int32_t capacity, int32_t *length,
                                      const UChar *src, int32_t srcLength, UErrorCode *status) {
    u_strToUTF8(dest, capacity, length, src, srcLength, status);
}

// Character properties.
static inline int byline_u_isupper(UChar32 c) { return u_isupper(c); }
static inline int byline_u_islower(UChar32 c) { return u_islower(c); }
static inline int byline_u_istitle(UChar32 c) { return u_istitle(c); }
static inline int byline_u_isalpha(UChar32 c) { return u_isUAlphabetic(c); }
static inline int byline_u_isdigit(UChar32 c) { return u_isdigit(c); }
static inline int byline_u_ispunct(UChar32 c) { return u_ispunct(c); }
static inline int byline_u_isWhitespace(UChar32 c) { return u_isUWhiteSpace(c); }
static inline int byline_u_isQuotationMark(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK); }
static inline int byline_u_isDash(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_DASH); }
static inline int byline_u_isEmoji(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC); }
#endif
