#ifndef CMC_TERMINAL_SHIMS_H
#define CMC_TERMINAL_SHIMS_H
#include <stddef.h>

/// Opens a new pseudo-terminal: its master descriptor (close-on-exec), and its slave's path in
/// `slave_path` (of `size` bytes). Returns the master, or -1 with errno set.
int cmc_open_pseudo_terminal(char *slave_path, size_t size);

/// Gives the terminal `to` the window size of the terminal `from`; 0 when both calls worked.
int cmc_copy_window_size(int from, int to);

/// Puts `terminal` in raw mode, keeping its previous settings in `saved` (a `struct termios`, of
/// `size` bytes); 0 on success.
int cmc_make_raw(int terminal, void *saved, size_t size);

/// Puts back settings kept by `cmc_make_raw`.
int cmc_restore_terminal(int terminal, const void *saved);

/// glibc's `POSIX_SPAWN_SETSID` flag: the child starts a session of its own (and so can take a
/// terminal as its controlling terminal).
short cmc_spawn_setsid_flag(void);

/// The size of `struct termios`, for the buffer `cmc_make_raw` fills.
size_t cmc_terminal_settings_size(void);
#endif
