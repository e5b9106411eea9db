#define _GNU_SOURCE 1
#include "CursesShims.h"
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>


WINDOW *cmc_curses_stdscr(void) { return stdscr; }

int cmc_curses_colors(void) { return COLORS; }

int cmc_curses_color_pairs(void) { return COLOR_PAIRS; }

attr_t cmc_curses_attributes(int bold, int reverse, int underline, int dim, int standout) {
    attr_t attributes = A_NORMAL;
    if (bold) attributes |= A_BOLD;
    if (reverse) attributes |= A_REVERSE;
    if (underline) attributes |= A_UNDERLINE;
    if (dim) attributes |= A_DIM;
    if (standout) attributes |= A_STANDOUT;
    return attributes;
}

attr_t cmc_curses_color_pair(int pair) { return COLOR_PAIR(pair); }

static volatile sig_atomic_t restored = 0;
static volatile sig_atomic_t keypad_forced = 0;

static void write_all(const char *bytes) {
    size_t length = strlen(bytes);
    while (length > 0) {
        ssize_t written = write(STDOUT_FILENO, bytes, length);
        if (written <= 0) return;
        bytes += written;
        length -= (size_t)written;
    }
}

void cmc_curses_leave_keypad_mode(void) {
    if (keypad_forced) write_all("\033>");
}

void cmc_curses_enter_keypad_mode(void) {
    if (keypad_forced) write_all("\033=");
}

void cmc_curses_restore(void) {
    if (restored) return;
    restored = 1;
    if (!isendwin()) endwin();
    fflush(stdout);
    cmc_curses_leave_keypad_mode();
}

int cmc_curses_restored(void) { return restored; }

/* A crash must not leave a ward terminal raw, on the alternate screen, with the cursor hidden.
   What gives it back is captured before and just after curses starts, so that the handler needs
   nothing but async-signal-safe calls: the terminal's modes as they were (tcsetattr), and the
   terminfo strings that leave curses' screen (write). */
static struct termios shell_modes;
static int have_shell_modes = 0;
static char leave_sequence[256];
static size_t leave_length = 0;

/* Appends the terminfo string `name`, without its padding (`$<5>`), to the leave sequence. */
static void append_capability(const char *name) {
    const char *value = tigetstr(name);
    if (value == NULL || value == (const char *)-1) return;
    for (const char *c = value; *c != '\0' && leave_length < sizeof leave_sequence; c++) {
        if (c[0] == '$' && c[1] == '<') {
            const char *end = strchr(c, '>');
            if (end != NULL) { c = end; continue; }
        }
        leave_sequence[leave_length++] = *c;
    }
}

/* Gives the terminal back, then lets the signal take its default action: SA_RESETHAND has put
   it back, so a signal raised here is delivered as the handler returns, and a fault re-runs its
   instruction and faults again. (The Swift runtime's crash reporter, whose handler this replaces,
   would print on the kiosk's screen and hold the dead kiosk there for 30 s waiting for a key.) */
static void on_fatal_signal(int number) {
    if (!restored) {
        restored = 1;
        if (leave_length > 0) {
            ssize_t written = write(STDOUT_FILENO, leave_sequence, leave_length);
            (void)written;
        }
        if (have_shell_modes) tcsetattr(STDIN_FILENO, TCSANOW, &shell_modes);
    }
    raise(number);
}

static void guard_fatal_signals(void) {
    static const int fatal[] = {SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGTRAP, SIGFPE};
    append_capability("rmcup");
    append_capability("cnorm");
    append_capability("sgr0");
    append_capability("rmkx");
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_fatal_signal;
    action.sa_flags = SA_RESETHAND | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        sigaction(fatal[i], &action, NULL);
    }
}

int cmc_curses_force_keypad_mode(void) {
    const char *xmit = tigetstr("smkx");
    if (xmit != NULL && xmit != (const char *)-1) return 0;
    if (strncmp(termname(), "linux", 5) != 0) return 0;
    keypad_forced = 1;
    fflush(stdout);
    cmc_curses_enter_keypad_mode();
    if (leave_length + 2 <= sizeof leave_sequence) {
        leave_sequence[leave_length++] = '\033';
        leave_sequence[leave_length++] = '>';
    }
    return 1;
}

int cmc_curses_follow_terminal_size(void) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return 0;
    if (size.ws_row == LINES && size.ws_col == COLS) return 0;
    return resize_term(size.ws_row, size.ws_col) == OK;
}

SCREEN *cmc_curses_newterm(const char *type) {
    have_shell_modes = tcgetattr(STDIN_FILENO, &shell_modes) == 0;
    SCREEN *screen = newterm(type, stdout, stdin);
    if (screen != NULL) guard_fatal_signals();
    return screen;
}

static int is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

int cmc_curses_setlocale(void) {
    setlocale(LC_ALL, "");
    if (!is_utf8()) setlocale(LC_CTYPE, "C.UTF-8");
    return is_utf8();
}

static locale_t utf8_locale = (locale_t)0;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void make_utf8_locale(void) { utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0); }

int cmc_wcwidth(unsigned int codepoint) {
    pthread_once(&utf8_once, make_utf8_locale);
    if (utf8_locale == (locale_t)0) return wcwidth((wchar_t)codepoint);
    locale_t previous = uselocale(utf8_locale);
    int width = wcwidth((wchar_t)codepoint);
    uselocale(previous);
    return width;
}
