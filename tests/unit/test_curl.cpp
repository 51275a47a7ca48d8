#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "net/curl_api.hpp"
#include "net/http.hpp"

TEST_CASE("libcurl: versions older than 7.85.0 are refused with the fix") {
  CHECK_NOTHROW(kratix::net::require_curl_version(0x075800, "7.88.0"));
  CHECK_NOTHROW(kratix::net::require_curl_version(0x075500, "7.85.0"));
  CHECK_THROWS_WITH_AS(kratix::net::require_curl_version(0x074a00, "7.74.0"),
                       doctest::Contains("libcurl 7.74.0 is older than 7.85.0"), kratix::Error);
  CHECK_THROWS_WITH_AS(kratix::net::require_curl_version(0x074a00, "7.74.0"), doctest::Contains("upgrade libcurl4"),
                       kratix::Error);
  // The one loaded here is new enough (the check runs when it is opened).
  CHECK_NOTHROW(kratix::net::curl());
}

TEST_CASE("libcurl: an option it refuses is an error, not a transfer half set up") {
  // libcurl takes no string option over 8000000 bytes.
  kratix::net::Request r;
  r.url = "http://127.0.0.1:9/" + std::string(8000001, 'a');
  r.retries = 0;
  CHECK_THROWS_WITH_AS(kratix::net::get(r), doctest::Contains("libcurl refused the URL"), kratix::Error);
}
