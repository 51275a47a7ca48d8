#include "net/curl_api.hpp"

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
#else
  a = CurlApi{&::curl_global_init,  &::curl_easy_init,     &::curl_easy_setopt, &::curl_easy_perform,
              &::curl_easy_getinfo, &::curl_easy_cleanup,  &::curl_easy_reset,  &::curl_easy_strerror,
              &::curl_slist_append, &::curl_slist_free_all};
#endif
  a.global_init(CURL_GLOBAL_DEFAULT);
  return a;
}

}  // namespace

const CurlApi& curl() {
  static const CurlApi api = load();
  return api;
}

}  // namespace kratix::net
