#ifndef CMC_PROCESS_SHIMS_H
#define CMC_PROCESS_SHIMS_H

/// Forbids core dumps and ptrace-style access by the same user (RLIMIT_CORE 0, not dumpable).
/// Returns 0 when both took effect.
int cmc_forbid_core_dumps(void);
#endif
