#ifndef LOOPREPORT_SYSTEM_H
#define LOOPREPORT_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): both must exist.
/// Returns 0, or -1 with errno set (ENOSYS or EINVAL where the kernel or file system cannot).
int loopreport_exchange_paths(const char *a, const char *b);

/// Flushes the file system holding `path` to disk (Linux syncfs). Returns 0, or -1 with errno set.
int loopreport_sync_file_system(const char *path);

#endif
