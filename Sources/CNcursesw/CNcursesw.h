// SwiftPM drops pkg-config's -D flags, so the wide-character API must be asked for here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <curses.h>
