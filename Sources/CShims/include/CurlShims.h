#ifndef CMC_CURL_SHIMS_H
#define CMC_CURL_SHIMS_H
#include <curl/curl.h>

/* curl_easy_setopt, curl_easy_getinfo, curl_share_setopt and curl_multi_setopt are variadic,
 * and several constants are macros: Swift imports neither. One typed function per use. */

/// curl_global_init(CURL_GLOBAL_ALL).
CURLcode cmc_curl_global_init(void);

CURLcode cmc_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode cmc_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// For string options (libcurl copies them) and plain pointers (CURLOPT_*DATA, CURLOPT_ERRORBUFFER).
CURLcode cmc_curl_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value);
/// For curl_slist options such as CURLOPT_HTTPHEADER (the list must outlive the transfer).
CURLcode cmc_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list);
/// For blob options such as CURLOPT_CAINFO_BLOB; libcurl copies the bytes (CURL_BLOB_COPY).
CURLcode cmc_curl_easy_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);
CURLcode cmc_curl_easy_setopt_share(CURL *handle, CURLSH *share);
/// CURLOPT_WRITEFUNCTION or CURLOPT_HEADERFUNCTION.
CURLcode cmc_curl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback callback);

CURLcode cmc_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode cmc_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode cmc_curl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);
/// CURLINFO_COOKIELIST; the caller frees the list with curl_slist_free_all.
CURLcode cmc_curl_easy_getinfo_slist(CURL *handle, CURLINFO info, struct curl_slist **value);

CURLSHcode cmc_curl_share_setopt_long(CURLSH *share, CURLSHoption option, long value);

/// The transfer result of a CURLMSG_DONE message (a union member in C).
CURLcode cmc_curl_msg_result(const CURLMsg *message);

/// CURL_ERROR_SIZE, the size CURLOPT_ERRORBUFFER needs.
size_t cmc_curl_error_size(void);

/// CURLAUTH_ANY (a macro with a cast Swift cannot import): every method libcurl knows but IE's Digest.
long cmc_curl_auth_any(void);
#endif
