#include "loopreport_cmark.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Each allocation is preceded by its size, so realloc can copy.
typedef struct chunk {
    struct chunk *previous;
    size_t capacity;
    size_t used;
    _Alignas(16) unsigned char bytes[];
} chunk;

static _Thread_local chunk *current = NULL;
/// Chunks of earlier documents, kept for the next one so its pages are already mapped.
static _Thread_local chunk *spare = NULL;
static _Thread_local size_t spare_bytes = 0;

enum { HEADER = 16, DEFAULT_CHUNK = 4 << 20, SPARE_LIMIT = 64 << 20 };

static chunk *new_chunk(size_t at_least, chunk *previous) {
    chunk *c = NULL;
    if (spare && spare->capacity >= at_least) {
        c = spare;
        spare = c->previous;
        spare_bytes -= c->capacity;
    } else {
        size_t capacity = at_least > DEFAULT_CHUNK ? at_least : DEFAULT_CHUNK;
        c = malloc(sizeof(chunk) + capacity);
        if (!c) abort();  // cmark aborts on allocation failure too
        c->capacity = capacity;
    }
    c->previous = previous;
    c->used = 0;
    return c;
}

static void *allocate(size_t size) {
    size_t needed = HEADER + ((size + 15) & ~(size_t)15);
    if (!current || current->capacity - current->used < needed) current = new_chunk(needed, current);
    unsigned char *block = current->bytes + current->used;
    current->used += needed;
    *(size_t *)block = size;
    return block + HEADER;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) abort();
    void *p = allocate(count * size);
    memset(p, 0, count * size);
    return p;
}

static void *arena_realloc(void *old, size_t size) {
    void *p = allocate(size);
    if (old) {
        size_t old_size = *(size_t *)((unsigned char *)old - HEADER);
        memcpy(p, old, old_size < size ? old_size : size);
    }
    return p;
}

static void arena_free(void *p) { (void)p; }

static cmark_mem allocator = {arena_calloc, arena_realloc, arena_free};

cmark_mem *loopreport_arena_allocator(void) { return &allocator; }

void loopreport_arena_reset(void) {
    while (current && current->previous) {
        chunk *previous = current->previous;
        if (current->capacity == DEFAULT_CHUNK && spare_bytes + DEFAULT_CHUNK <= SPARE_LIMIT) {
            current->previous = spare;
            spare = current;
            spare_bytes += DEFAULT_CHUNK;
        } else {
            free(current);
        }
        current = previous;
    }
    if (current) current->used = 0;
}
