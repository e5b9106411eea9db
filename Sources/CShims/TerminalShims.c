#define _GNU_SOURCE
#include "TerminalShims.h"
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int cmc_open_pseudo_terminal(char *slave_path, size_t size) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, slave_path, size) != 0) {
        close(master);
        return -1;
    }
    return master;
}

int cmc_copy_window_size(int from, int to) {
    struct winsize size;
    if (ioctl(from, TIOCGWINSZ, &size) != 0) return -1;
    return ioctl(to, TIOCSWINSZ, &size);
}

size_t cmc_terminal_settings_size(void) { return sizeof(struct termios); }

int cmc_make_raw(int terminal, void *saved, size_t size) {
    if (size < sizeof(struct termios) || tcgetattr(terminal, (struct termios *)saved) != 0) return -1;
    struct termios raw = *(struct termios *)saved;
    cfmakeraw(&raw);
    return tcsetattr(terminal, TCSANOW, &raw);
}

int cmc_restore_terminal(int terminal, const void *saved) {
    return tcsetattr(terminal, TCSANOW, (const struct termios *)saved);
}

short cmc_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }
