#include "net/curl_api.hpp"

#include <string>

#include "core/error.hpp"
#include "util/dynlib.hpp"

namespace kratix::net {

namespace {

CurlApi load() {
  CurlApi a{};
#ifdef KRATIX_DLOPEN
  static const util::DynLib lib(KRATIX_CURL_SONAME, KRATIX_CURL_PACKAGE);
  lib.bind(a.global_init, "curl_global_init");
  lib.bind(a.easy_init, "curl_easy_init");
  lib.bind(a.easy_setopt, "curl_easy_setopt");
  lib.bind(a.easy_perform, "curl_easy_perform");
  lib.bind(a.easy_getinfo, "curl_easy_getinfo");
  lib.bind(a.easy_cleanup, "curl_easy_cleanup");
  lib.bind(a.easy_reset, "curl_easy_reset");
  lib.bind(a.easy_strerror, "curl_easy_strerror");
  lib.bind(a.slist_append, "curl_slist_append");
  lib.bind(a.slist_free_all, "curl_slist_free_all");
  lib.bind(a.version_info, "curl_version_info");
#else
  a = CurlApi{&::curl_global_init,  &::curl_easy_init,      &::curl_easy_setopt, &::curl_easy_perform,
              &::curl_easy_getinfo, &::curl_easy_cleanup,   &::curl_easy_reset,  &::curl_easy_strerror,
              &::curl_slist_append, &::curl_slist_free_all, &::curl_version_info};
#endif
  const curl_version_info_data* info = a.version_info(CURLVERSION_NOW);
  require_curl_version(info != nullptr ? info->version_num : 0, info != nullptr ? info->version : "(unknown)");
  if (const CURLcode rc = a.global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK)
    throw Error(std::string("libcurl could not start (") + a.easy_strerror(rc) + "); check its installation");
  return a;
}

}  // namespace

void require_curl_version(unsigned version_num, const char* version_text) {
  if (version_num < kMinCurlVersion)
    throw Error(std::string("libcurl ") + version_text +
                " is older than 7.85.0, which kratix needs (redirects limited to http and https, credentials "
                "that never follow a redirect to another host); upgrade libcurl4");
}

const CurlApi& curl() {
  static const CurlApi api = load();
  return api;
}

}  // namespace kratix::net
