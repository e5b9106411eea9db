#define _GNU_SOURCE 1
#include "CursesShims.h"
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

SCREEN *cmc_curses_newterm(const char *type) { return newterm(type, stdout, stdin); }

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

void cmc_curses_restore(void) {
    if (restored) return;
    restored = 1;
    if (!isendwin()) endwin();
    fflush(stdout);
}

int cmc_curses_restored(void) { return restored; }

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
