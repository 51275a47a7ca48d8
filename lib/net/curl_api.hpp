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
};

// Loaded and curl_global_init'ed once; kratix::Error when libcurl is missing.
const CurlApi& curl();

}  // namespace kratix::net
