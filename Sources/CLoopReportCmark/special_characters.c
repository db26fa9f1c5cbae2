// Makes cmark-gfm 0.29's parser safe to run on several threads at once.
//
// cmark-gfm keeps the characters that start inline syntax in one process-wide table.
// `cmark_parser_finish` adds the attached extensions' characters ('~', ':', 'w', …) before
// parsing inlines and removes them afterwards, through the exported
// `cmark_manage_extensions_special_characters` (github/cmark-gfm#176). A parser that finishes
// while another is parsing inlines takes '~' away from it mid-document. Every parser here
// attaches the same extensions, so the table may keep their characters for good: this
// definition, found before the library's own by the dynamic linker, passes additions on and
// drops removals. The remaining writes only store 1 over 1.
//
// Whether the library's calls reach this definition depends on how it was linked (Debian's
// calls it through its PLT); `loopreport_cmark_special_characters_fixed` reports whether one
// did, and CmarkParser keeps parsing under its lock until it has.

#define _GNU_SOURCE
#include "loopreport_cmark.h"

#include <cmark-gfm-extension_api.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

typedef void (*manage_function)(cmark_parser *, int);

static manage_function library_manage = NULL;
static pthread_once_t resolved = PTHREAD_ONCE_INIT;
static atomic_bool called = false;

static void resolve_library_manage(void) {
    library_manage = (manage_function)dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
    if (!library_manage) {
        // Without the library's function no extension character would ever be added.
        fprintf(stderr, "loopreport: cmark-gfm has no cmark_manage_extensions_special_characters\n");
        abort();
    }
}

void cmark_manage_extensions_special_characters(cmark_parser *parser, int add) {
    atomic_store_explicit(&called, true, memory_order_release);
    if (!add) return;
    pthread_once(&resolved, resolve_library_manage);
    library_manage(parser, add);
}

bool loopreport_cmark_special_characters_fixed(void) {
    return atomic_load_explicit(&called, memory_order_acquire);
}
