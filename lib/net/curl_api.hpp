#pragma once
// The libcurl functions kratix uses, opened on first use (util/dynlib.hpp).
#include <curl/curl.h>

namespace kratix::net {

struct CurlApi {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
  decltype(&::curl_version_info) version_info;
};

// The oldest libcurl kratix works with: 7.85.0 has CURLOPT_REDIR_PROTOCOLS_STR
// and drops credentials on redirects that change scheme, host or port.
inline constexpr unsigned kMinCurlVersion = 0x075500;
// kratix::Error naming the version and the fix when `version_num` (libcurl's
// 0xXXYYZZ) is older than kMinCurlVersion.
void require_curl_version(unsigned version_num, const char* version_text);

// Loaded, checked and curl_global_init'ed once; kratix::Error when libcurl
// is missing, too old or fails to start.
const CurlApi& curl();

}  // namespace kratix::net
