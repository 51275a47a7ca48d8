#include <doctest/doctest.h>

#include "core/error.hpp"
#include "names/kubernetes.hpp"
#include "names/pipeline_id.hpp"
#include "promise/names.hpp"

using namespace kratix::promise;
namespace names = kratix::names;

TEST_CASE("names: DNS-1123 labels accept lower-case names with inner dashes") {
  CHECK_FALSE(names::check_dns1123_label("postgresql"));
  CHECK_FALSE(names::check_dns1123_label("pg-15"));
  CHECK_FALSE(names::check_dns1123_label("1password"));
  CHECK_FALSE(names::check_dns1123_label(std::string(63, 'a')));
}

TEST_CASE("names: DNS-1123 labels reject upper case, underscores, edge dashes and long names") {
  CHECK(names::check_dns1123_label("Postgres")->find("lower case") != std::string::npos);
  CHECK(names::check_dns1123_label("pg_sql")->find("'_'") != std::string::npos);
  CHECK(names::check_dns1123_label("-pg"));
  CHECK(names::check_dns1123_label("pg-"));
  CHECK(names::check_dns1123_label(""));
  CHECK(names::check_dns1123_label(std::string(64, 'a'))->find("63") != std::string::npos);
}

TEST_CASE("names: an API group is a DNS subdomain with a dot") {
  CHECK_FALSE(names::check_api_group("syntasso.io"));
  CHECK_FALSE(names::check_api_group("a.b.c-d.example"));
  CHECK(names::check_api_group("syntasso")->find("dot") != std::string::npos);
  CHECK(names::check_api_group("a..b"));
  CHECK(names::check_api_group("Example.com"));
  CHECK(names::check_api_group(".example.com"));
}

TEST_CASE(
    "names: a kind is what the API server accepts: a DNS-1035 label once lower-cased, with room for its List kind") {
  CHECK_FALSE(names::check_kind("Database"));
  CHECK_FALSE(names::check_kind("database"));
  CHECK_FALSE(names::check_kind("S3Bucket"));
  CHECK_FALSE(names::check_kind("argocd-application"));
  CHECK(names::check_kind("3Bucket"));
  CHECK(names::check_kind("My_Kind"));
  CHECK(names::check_kind("MyKind-"));
  CHECK(names::check_kind("My Kind"));
  CHECK(names::check_kind(""));
  CHECK_FALSE(names::check_kind(std::string(59, 'K')));
  CHECK(names::check_kind(std::string(60, 'K')));
}

TEST_CASE("names: plural and version are DNS-1035 labels") {
  CHECK_FALSE(names::check_plural("databases"));
  CHECK(names::check_plural("Databases"));
  CHECK(names::check_plural("1dbs"));
  CHECK_FALSE(names::check_api_version("v1alpha1"));
  CHECK(names::check_api_version("1.0"));
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

TEST_CASE("names: the Kratix pipeline id and the first pipeline name whose id fits in 60") {
  CHECK(names::pipeline_id("web", "resource", "configure", "instance-configure") ==
        "web-resource-configure-instance-configure");
  const std::string p22(22, 'p'), p23(23, 'p');
  CHECK(names::fitting_pipeline_name(p22, "resource", "configure", {"instance-configure", "main"}) ==
        "instance-configure");
  CHECK(names::fitting_pipeline_name(p23, "resource", "configure", {"instance-configure", "main"}) == "main");
  CHECK_FALSE(names::fitting_pipeline_name(std::string(37, 'p'), "resource", "configure", {"main"}));
}

TEST_CASE("names: label keys may have a DNS prefix; keys and values are 63 characters of [A-Za-z0-9._-]") {
  CHECK_FALSE(names::check_label("kratix.io/pipeline-name", "instance-configure"));
  CHECK_FALSE(names::check_label("env", ""));
  CHECK(names::check_label("Bad_Prefix/x", "v")->find("prefix") != std::string::npos);
  CHECK(names::check_label("a/", "v")->find("must not be empty") != std::string::npos);
  CHECK(names::check_label("k", std::string(64, 'v'))->find("63") != std::string::npos);
  CHECK(names::check_label("k", "-v")->find("start and end") != std::string::npos);
}
