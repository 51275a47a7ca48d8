#include <doctest/doctest.h>

#include <string>

#include "chart/credentials.hpp"
#include "chart/oci.hpp"
#include "chart/oci_parse.hpp"
#include "core/error.hpp"
#include "net/http.hpp"

using namespace kratix::chart;

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const kratix::Error& e) {
    return e.describe();
  }
  FAIL("no error");
  return "";
}

const char* kHex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

}  // namespace

TEST_CASE("OCI: WWW-Authenticate challenges, quoted, escaped and in any case") {
  Challenge c =
      parse_challenge(R"(Bearer Realm="https://auth.example/token",service=reg, scope="repository:a\"b:pull")");
  CHECK(c.scheme == "bearer");
  CHECK(c.params["realm"] == "https://auth.example/token");
  CHECK(c.params["service"] == "reg");
  CHECK(c.params["scope"] == "repository:a\"b:pull");
  CHECK(parse_challenge("Basic").scheme == "basic");
  CHECK(parse_challenge("").scheme.empty());
  CHECK(parse_challenge("Bearer realm=\"unterminated").params["realm"] == "unterminated");
  CHECK(parse_challenge("Bearer realm=\"a\", realm=\"b\"").params["realm"] == "a");
}

TEST_CASE("OCI: the next page of a Link header") {
  CHECK(next_link("</v2/x/tags/list?n=2&last=b>; rel=\"next\"", "https://r:5000") ==
        "https://r:5000/v2/x/tags/list?n=2&last=b");
  CHECK(next_link("<https://other/v2/x/tags/list?last=b>; rel=next", "https://r") ==
        "https://other/v2/x/tags/list?last=b");
  CHECK(next_link("</v2/x/a>; rel=\"prev\", </v2/x/b>; rel=\"next\"", "http://r") == "http://r/v2/x/b");
  CHECK(next_link("</v2/x/a>; rel=\"prev\"", "http://r").empty());
  CHECK(next_link("<relative>; rel=\"next\"", "http://r").empty());
  CHECK(next_link("<", "http://r").empty());
  CHECK(next_link("", "http://r").empty());
}

TEST_CASE("OCI: tag lists, tokens and manifests of the wrong shape are errors or nothing, never exceptions of JSON") {
  CHECK(tags_of(R"({"tags": ["1.0.0", 5, null, "2.0.0"]})", "w") == std::vector<std::string>{"1.0.0", "2.0.0"});
  CHECK(tags_of(R"({"tags": null})", "w").empty());
  CHECK(error_of([] { tags_of("[1]", "oci://r/x"); }).find("oci://r/x: the registry's tag list is not a JSON object") ==
        0);
  CHECK(token_of(R"({"token": 5, "access_token": "t"})") == "t");
  CHECK(token_of(R"({"token": ["x"]})").empty());
  CHECK(token_of("not json").empty());
  const std::string layer = std::string(R"({"mediaType": ")") + kHelmChartLayer + "\", ";
  ChartLayer ok =
      chart_layer_of(R"({"layers": [)" + layer + R"("digest": "sha256:)" + kHex + R"(", "size": 12}]})", "s");
  CHECK(ok.digest == std::string("sha256:") + kHex);
  CHECK(ok.size == 12);
  CHECK(chart_layer_of(R"({"layers": [)" + layer + R"("digest": "sha256:)" + kHex + R"(", "size": -1}]})", "s").size ==
        0);
  CHECK(error_of([&] {
          chart_layer_of(R"({"layers": [)" + layer + R"("digest": 5}]})", "s");
        }).find("s: the manifest's chart layer has no valid digest") == 0);
  CHECK(error_of([&] {
          chart_layer_of(R"({"layers": [)" + layer + R"("digest": "sha256:../../x"}]})", "s");
        }).find("no valid digest") != std::string::npos);
  CHECK(error_of([] { chart_layer_of(R"({"layers": {}})", "s"); }).find("has no layers") != std::string::npos);
  CHECK(error_of([] { chart_layer_of(R"({"layers": [{"mediaType": 7}]})", "s"); }).find("no layer of type") !=
        std::string::npos);
}

TEST_CASE("credentials belong to a scheme, host and port") {
  using kratix::net::same_origin;
  CHECK(same_origin("https://r.io/v2/x", "https://R.IO:443/token"));
  CHECK(same_origin("http://127.0.0.1:5000/a", "http://127.0.0.1:5000/b"));
  CHECK(!same_origin("http://127.0.0.1:5000/a", "http://localhost:5000/a"));
  CHECK(!same_origin("http://127.0.0.1:5000/a", "http://127.0.0.1:5001/a"));
  CHECK(!same_origin("https://r.io/a", "http://r.io/a"));
  CHECK(same_origin("http://[::1]:80/a", "http://[::1]/b"));
  CHECK(!same_origin("http://r.io@evil.io/a", "http://r.io/a"));
  CHECK(!same_origin("", ""));
  CHECK(same_registry_family("registry-1.docker.io", "https://auth.docker.io/token"));
  CHECK(!same_registry_family("registry-1.docker.io", "http://auth.docker.io/token"));
  CHECK(!same_registry_family("ghcr.io", "https://auth.docker.io/token"));
}

TEST_CASE("credential files: what Docker and Helm write, and errors at their place") {
  auto a = credentials_in_config(R"({"auths": {"https://r:5000/v1/": {"auth": "Ym9iOnB3"}}})", "c.json", "r:5000");
  REQUIRE(a.credentials);
  CHECK(a.credentials->first == "bob");
  CHECK(a.credentials->second == "pw");
  a = credentials_in_config(R"({"auths": {"r": {}}, "credsStore": "desktop"})", "c.json", "r");
  CHECK(!a.credentials);
  CHECK(a.helper == "desktop");
  a = credentials_in_config(R"({"auths": {"r": {"auth": ""}}})", "c.json", "r");
  CHECK(!a.credentials);
  CHECK(a.helper.empty());
  CHECK(error_of([] {
          credentials_in_config("{\n \"auths\": {\"r\": {\"username\": 5, \"password\": \"x\"}}}", "c.json", "r");
        }) == "c.json:2:17: the username and password of r must be strings; log in again");
  CHECK(error_of([] {
          credentials_in_config("{\"credHelpers\": {\"r\": \"../../bin/sh\"}}", "c.json", "r");
        }).find("c.json:1:23: the credential helper \"../../bin/sh\" is not a helper name") == 0);
  CHECK(error_of([] { credentials_in_config("{\"credsStore\": \"a b\"}", "c.json", "r"); }).find("c.json:1:16:") == 0);
  CHECK(error_of([] { credentials_in_config("{\n  \"auths\": {\"r\": {\"auth\": \"@@@\"}}}", "c.json", "r"); }) ==
        "c.json:2:27: the \"auth\" of r is not base64 of user:password; log in again");
  CHECK(error_of([] { credentials_in_config("{\"auths\": ", "c.json", "r"); }).find("c.json:1:11: not valid JSON: ") ==
        0);
  CHECK(error_of([] { credentials_in_config("[]", "c.json", "r"); }).find("c.json:1:1: is not a JSON object") == 0);
}
