#ifndef LOOPREPORT_CMARK_H
#define LOOPREPORT_CMARK_H

#include <cmark-gfm.h>
#include <stdbool.h>

/// An allocator for cmark-gfm that bumps a pointer through chunks owned by the calling
/// thread; `free` does nothing. One document is parsed and converted on one thread, then
/// `loopreport_arena_reset` releases everything at once. Unlike cmark's own arena
/// (`cmark_get_arena_mem_allocator`, one process-wide arena), each thread has its own, so
/// documents can be parsed and converted in parallel.
cmark_mem *loopreport_arena_allocator(void);

/// Forgets every allocation made on this thread; keeps its chunks (up to 64 MiB) for the next document.
void loopreport_arena_reset(void);

/// True once cmark-gfm has called this program's `cmark_manage_extensions_special_characters`
/// (special_characters.c) instead of its own: from then on its special-character table only
/// ever gains the extensions' characters, and parsers with the same extensions may run at once.
bool loopreport_cmark_special_characters_fixed(void);

#endif
