#ifndef CMC_CURSES_SHIMS_H
#define CMC_CURSES_SHIMS_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

/// Starts curses on standard input and output for `type` (NULL: $TERM); NULL when the terminal
/// type is unknown (newterm does not exit the process, initscr would). Once started, a fatal
/// signal (SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGTRAP, SIGFPE) first gives the terminal back —
/// its modes from before curses, the main screen, the cursor shown — then takes its default action.
SCREEN *cmc_curses_newterm(const char *type);
/// The standard screen (a C global Swift 6 rejects).
WINDOW *cmc_curses_stdscr(void);
/// How many colours and colour pairs the terminal has (C globals).
int cmc_curses_colors(void);
/// Resizes curses to the terminal's size as the kernel has it now (TIOCGWINSZ on standard output),
/// if that differs from curses' idea of it; returns 1 if it did. A SIGWINCH can be lost in a storm
/// of resizes: this brings the screen back to the true size without one.
int cmc_curses_follow_terminal_size(void);
int cmc_curses_color_pairs(void);
/// The attribute bits for these flags (A_BOLD and friends are macros).
attr_t cmc_curses_attributes(int bold, int reverse, int underline, int dim, int standout);
/// COLOR_PAIR(pair), a macro.
attr_t cmc_curses_color_pair(int pair);
/// Ends curses mode once; later calls do nothing. Safe to call from an atexit or signal handler.
void cmc_curses_restore(void);
/// Whether cmc_curses_restore has run: nothing may be drawn after it.
int cmc_curses_restored(void);
/// Sets the process's LC_CTYPE from the environment, falling back to C.UTF-8 when that is not UTF-8.
/// Returns 1 when the resulting character type is UTF-8.
int cmc_curses_setlocale(void);
/// The columns a code point takes in a UTF-8 terminal (wcwidth under C.UTF-8, whatever the
/// process locale): -1 for non-printable characters.
int cmc_wcwidth(unsigned int codepoint);
/// Puts the Linux console (TERM linux…, whose terminfo has no keypad_xmit, so that keypad()
/// cannot) in application keypad mode, ESC =: the console then sends the keypad's digits as
/// ESC O p … ESC O y whatever Num Lock says. Returns 1 if it did. The mode is left by
/// cmc_curses_leave_keypad_mode, by cmc_curses_restore and on a fatal signal.
int cmc_curses_force_keypad_mode(void);
/// Leaves the mode cmc_curses_force_keypad_mode set (ESC >), if it did; for lending the terminal.
void cmc_curses_leave_keypad_mode(void);
/// Sets it again after cmc_curses_leave_keypad_mode, if it was set at the start.
void cmc_curses_enter_keypad_mode(void);
#endif
