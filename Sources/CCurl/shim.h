#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic: Swift cannot call them. One typed
   wrapper per argument kind. */
static inline CURLcode guichet_curl_set_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode guichet_curl_set_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode guichet_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode guichet_curl_set_slist(CURL *curl, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode guichet_curl_set_mime(CURL *curl, CURLoption option, curl_mime *value) {
    return curl_easy_setopt(curl, option, value);
}
typedef size_t (*guichet_curl_write_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode guichet_curl_set_write_callback(CURL *curl, guichet_curl_write_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, callback);
}
typedef size_t (*guichet_curl_read_callback)(char *buffer, size_t size, size_t count, void *context);
static inline CURLcode guichet_curl_set_read_callback(CURL *curl, guichet_curl_read_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_READFUNCTION, callback);
}
static inline CURLcode guichet_curl_get_long(CURL *curl, CURLINFO info, long *value) {
    return curl_easy_getinfo(curl, info, value);
}
typedef int (*guichet_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);
static inline CURLcode guichet_curl_set_debug_callback(CURL *curl, guichet_curl_debug_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, callback);
}
/* Called before curl opens each connection's socket: the address it is about to connect to, after
   name resolution and for every redirect, which lets the caller refuse it. */
typedef curl_socket_t (*guichet_curl_opensocket_callback)(void *context, curlsocktype purpose, struct curl_sockaddr *address);
static inline CURLcode guichet_curl_set_opensocket_callback(CURL *curl, guichet_curl_opensocket_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, callback);
}
static inline CURLcode guichet_curl_get_string(CURL *curl, CURLINFO info, char **value) {
    return curl_easy_getinfo(curl, info, value);
}
static inline CURLcode guichet_curl_set_offset(CURL *curl, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(curl, option, value);
}
