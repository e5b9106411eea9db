#ifndef CMC_CONTAINMENT_SHIMS_H
#define CMC_CONTAINMENT_SHIMS_H
#include <stddef.h>

// What the session command's teardown needs of Linux that Swift's Glibc module does not show:
// raw system calls (variadic `syscall`, `prctl`) and extended attributes.

/// A descriptor referring to the process `pid` (`pidfd_open`, Linux 5.3), or -1 with errno set
/// (ENOSYS on older kernels, ESRCH when there is no such process).
int cmc_pidfd_open(int pid);

/// Sends `signal` to the process `pidfd` refers to (`pidfd_send_signal`, Linux 5.1): never to a
/// later process that reuses its pid. 0, or -1 with errno set (ESRCH once it has ended).
int cmc_pidfd_send_signal(int pidfd, int signal);

/// Makes the calling process a child subreaper (`PR_SET_CHILD_SUBREAPER`): orphaned descendants
/// are re-parented to it rather than to init. 0, or -1 with errno set.
int cmc_become_child_subreaper(void);

/// Whether the calling process is a child subreaper: 1, 0, or -1 with errno set.
int cmc_is_child_subreaper(void);

/// The calling thread's id (`gettid`).
int cmc_thread_id(void);

/// Copies the calling thread's name (`PR_GET_NAME`, at most 15 bytes and a NUL) to `name`, which
/// has room for 16 bytes. 0, or -1 with errno set.
int cmc_this_thread_name(char *name);

/// `getxattr(2)`: the length of the attribute `name` of `path` copied to `value`, or -1.
long cmc_get_xattr(const char *path, const char *name, void *value, size_t size);
#endif
