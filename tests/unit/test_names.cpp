#include <doctest/doctest.h>

#include "core/error.hpp"
#include "promise/names.hpp"

using namespace kratix::promise;

TEST_CASE("names: DNS-1123 labels accept lower-case names with inner dashes") {
  CHECK_FALSE(check_dns1123_label("postgresql"));
  CHECK_FALSE(check_dns1123_label("pg-15"));
  CHECK_FALSE(check_dns1123_label("1password"));
  CHECK_FALSE(check_dns1123_label(std::string(63, 'a')));
}

TEST_CASE("names: DNS-1123 labels reject upper case, underscores, edge dashes and long names") {
  CHECK(check_dns1123_label("Postgres")->find("lower case") != std::string::npos);
  CHECK(check_dns1123_label("pg_sql")->find("'_'") != std::string::npos);
  CHECK(check_dns1123_label("-pg"));
  CHECK(check_dns1123_label("pg-"));
  CHECK(check_dns1123_label(""));
  CHECK(check_dns1123_label(std::string(64, 'a'))->find("63") != std::string::npos);
}

TEST_CASE("names: an API group is a DNS subdomain with a dot") {
  CHECK_FALSE(check_api_group("syntasso.io"));
  CHECK_FALSE(check_api_group("a.b.c-d.example"));
  CHECK(check_api_group("syntasso")->find("dot") != std::string::npos);
  CHECK(check_api_group("a..b"));
  CHECK(check_api_group("Example.com"));
  CHECK(check_api_group(".example.com"));
}

TEST_CASE(
    "names: a kind is what the API server accepts: a DNS-1035 label once lower-cased, with room for its List kind") {
  CHECK_FALSE(check_kind("Database"));
  CHECK_FALSE(check_kind("database"));
  CHECK_FALSE(check_kind("S3Bucket"));
  CHECK_FALSE(check_kind("argocd-application"));
  CHECK(check_kind("3Bucket"));
  CHECK(check_kind("My_Kind"));
  CHECK(check_kind("MyKind-"));
  CHECK(check_kind("My Kind"));
  CHECK(check_kind(""));
  CHECK_FALSE(check_kind(std::string(59, 'K')));
  CHECK(check_kind(std::string(60, 'K')));
}

TEST_CASE("names: plural and version are DNS-1035 labels") {
  CHECK_FALSE(check_plural("databases"));
  CHECK(check_plural("Databases"));
  CHECK(check_plural("1dbs"));
  CHECK_FALSE(check_api_version("v1alpha1"));
  CHECK(check_api_version("1.0"));
}

TEST_CASE("names: defaults follow kratix-cli") {
  CHECK(default_plural("Database") == "databases");
  CHECK(to_lower("PostgreSQL") == "postgresql");
}

TEST_CASE("names: validate_promise_names names the flag and the fix, as a usage error") {
  try {
    validate_promise_names({"pg", "myorg", "Database", "v1alpha1", "databases"});
    FAIL("expected an error");
  } catch (const kratix::Error& e) {
    CHECK(e.exit_code() == kratix::ExitCode::Usage);
    CHECK(std::string(e.what()).find("--group 'myorg'") != std::string::npos);
    CHECK(std::string(e.what()).find("myorg.com") != std::string::npos);
  }
  CHECK_NOTHROW(validate_promise_names({"pg", "myorg.com", "Database", "v1", "dbs"}));
}
