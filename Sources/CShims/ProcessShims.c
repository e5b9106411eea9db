#define _GNU_SOURCE
#include "ProcessShims.h"
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>

int cmc_forbid_core_dumps(void) {
    struct rlimit none = {0, 0};
    int limited = setrlimit(RLIMIT_CORE, &none);
    int undumpable = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    return (limited == 0 && undumpable == 0) ? 0 : -1;
}

int cmc_spawn_add_tcsetpgrp(void *actions, int terminal) {
    return posix_spawn_file_actions_addtcsetpgrp_np((posix_spawn_file_actions_t *)actions, terminal);
}

int cmc_spawn_add_closefrom(void *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np((posix_spawn_file_actions_t *)actions, lowest);
}

int cmc_name_this_thread(const char *name) {
    return prctl(PR_SET_NAME, name, 0, 0, 0);
}
