#define _GNU_SOURCE
#include "ContainmentShims.h"
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

int cmc_pidfd_open(int pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

int cmc_pidfd_send_signal(int pidfd, int signal) {
    return (int)syscall(SYS_pidfd_send_signal, pidfd, signal, NULL, 0);
}

int cmc_become_child_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

int cmc_is_child_subreaper(void) {
    int flag = 0;
    if (prctl(PR_GET_CHILD_SUBREAPER, &flag, 0, 0, 0) == -1) return -1;
    return flag != 0;
}

int cmc_thread_id(void) {
    return (int)syscall(SYS_gettid);
}

int cmc_this_thread_name(char *name) {
    return prctl(PR_GET_NAME, name, 0, 0, 0);
}

long cmc_get_xattr(const char *path, const char *name, void *value, size_t size) {
    return (long)getxattr(path, name, value, size);
}
