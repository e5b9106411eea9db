#ifndef CMC_SHIMS_H
#define CMC_SHIMS_H
#include "PCSCShims.h"
#include "CurlShims.h"
#include "CursesShims.h"
#include "ProcessShims.h"
#include "ContainmentShims.h"
#include "OpenSSLShims.h"
#include "TerminalShims.h"
#include "TunShims.h"
#endif
