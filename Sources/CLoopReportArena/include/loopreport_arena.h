#ifndef LOOPREPORT_ARENA_H
#define LOOPREPORT_ARENA_H

#include <cmark-gfm.h>

/// An allocator for cmark-gfm that bumps a pointer through chunks owned by the calling
/// thread; `free` does nothing. One document is parsed and converted on one thread, then
/// `loopreport_arena_reset` releases everything at once. Unlike cmark's own arena
/// (`cmark_get_arena_mem_allocator`, one process-wide arena), each thread has its own, so
/// documents can be converted in parallel.
cmark_mem *loopreport_arena_allocator(void);

/// Forgets every allocation made on this thread; keeps the first chunk for reuse.
void loopreport_arena_reset(void);

#endif
