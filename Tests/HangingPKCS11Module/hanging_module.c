// A PKCS#11 module for tests: OpenSC's opensc-pkcs11.so with the process's first signature
// held back, as a module that hangs in C_Sign. The hold starts before OpenSC is asked and
// lasts HOLD_SECONDS; its start and end are marked by the files sign-held and sign-released
// in $TMPDIR, so that a test can tell whether the call is still under way.
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "hanging_module.h"

enum { HOLD_SECONDS = 8 };
static const char opensc_module[] = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";

static CK_FUNCTION_LIST held_functions;
static CK_FUNCTION_LIST_PTR opensc_functions;
static atomic_flag signed_before = ATOMIC_FLAG_INIT;

static void mark(const char *name) {
    const char *folder = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", folder ? folder : "/tmp", name);
    FILE *file = fopen(path, "w");
    if (file) fclose(file);
}

static CK_RV held_sign(CK_SESSION_HANDLE session, CK_BYTE_PTR data, CK_ULONG length, CK_BYTE_PTR signature,
                       CK_ULONG_PTR signature_length) {
    if (!atomic_flag_test_and_set(&signed_before)) {
        mark("sign-held");
        for (unsigned left = HOLD_SECONDS; left > 0;) left = sleep(left);
        mark("sign-released");
    }
    return opensc_functions->C_Sign(session, data, length, signature, signature_length);
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
    if (!opensc_functions) {
        void *opensc = dlopen(opensc_module, RTLD_NOW | RTLD_LOCAL);
        CK_C_GetFunctionList get = opensc ? (CK_C_GetFunctionList)dlsym(opensc, "C_GetFunctionList") : NULL;
        if (!get || get(&opensc_functions) != CKR_OK) return CKR_GENERAL_ERROR;
        held_functions = *opensc_functions;
        held_functions.C_Sign = held_sign;
    }
    *list = &held_functions;
    return CKR_OK;
}
