#ifndef CMC_PROCESS_SHIMS_H
#define CMC_PROCESS_SHIMS_H

/// Forbids core dumps and ptrace-style access by the same user (RLIMIT_CORE 0, not dumpable).
/// Returns 0 when both took effect.
int cmc_forbid_core_dumps(void);

/// Adds to the posix_spawn file actions at `actions` (a `posix_spawn_file_actions_t *`) making the
/// child's process group the foreground group of `terminal` (glibc's
/// `posix_spawn_file_actions_addtcsetpgrp_np`, which Swift's Glibc module does not show).
int cmc_spawn_add_tcsetpgrp(void *actions, int terminal);

/// Adds to the posix_spawn file actions at `actions` closing every descriptor from `lowest` up
/// (glibc's `posix_spawn_file_actions_addclosefrom_np`).
int cmc_spawn_add_closefrom(void *actions, int lowest);

/// Names the calling thread (its first 15 bytes), as `top -H` and /proc show it (`prctl`, which
/// is variadic and so not callable from Swift).
int cmc_name_this_thread(const char *name);
#endif
