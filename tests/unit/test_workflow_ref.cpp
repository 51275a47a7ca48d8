#include <doctest/doctest.h>

#include "core/error.hpp"
#include "promise/workflow_ref.hpp"

using namespace kratix::promise;

TEST_CASE("workflow ref: parses LIFECYCLE/ACTION/PIPELINE") {
  auto r = parse_workflow_ref("resource/configure/instance");
  CHECK(r.lifecycle == "resource");
  CHECK(r.action == "configure");
  CHECK(r.pipeline == "instance");
  CHECK(r.to_string() == "resource/configure/instance");
  CHECK(parse_workflow_ref("promise/delete/p0").action == "delete");
}

TEST_CASE("workflow ref: bad lifecycle, action, pipeline or shape are usage errors") {
  CHECK_THROWS_WITH_AS(parse_workflow_ref("request/configure/x"), doctest::Contains("invalid lifecycle 'request'"),
                       kratix::UsageError);
  CHECK_THROWS_WITH_AS(parse_workflow_ref("resource/create/x"), doctest::Contains("invalid action 'create'"),
                       kratix::UsageError);
  CHECK_THROWS_AS(parse_workflow_ref("resource/configure/Bad_Name"), kratix::UsageError);
  CHECK_THROWS_AS(parse_workflow_ref("resource/configure"), kratix::UsageError);
  CHECK_THROWS_AS(parse_workflow_ref("resource/configure/a/b"), kratix::UsageError);
  CHECK_THROWS_AS(parse_workflow_ref("resource/configure/"), kratix::UsageError);
}

TEST_CASE("workflow ref: default container names follow kratix-cli") {
  CHECK(default_container_name("syntasso/postgres-resource:v1.0.0") == "syntasso-postgres-resource");
  CHECK(default_container_name("ghcr.io/syntasso/kratix-cli/helm:v0.2.0") == "ghcr-io-syntasso-kratix-cli-helm");
  CHECK(default_container_name("alpine") == "alpine");
}

TEST_CASE("workflow ref: default container names keep a registry port and drop digests") {
  CHECK(default_container_name("localhost:5000/team/img:v1") == "localhost-5000-team-img");
  CHECK(default_container_name("ghcr.io/a/b@sha256:abc") == "ghcr-io-a-b");
  CHECK(default_container_name("Docker.io/My_Org/img") == "docker-io-my-org-img");
}

TEST_CASE("workflow ref: long container names are cut with a SHA-1 suffix, like kratix-cli") {
  std::string image = "registry.example.com/a-very-long-organisation-name/and-an-even-longer-image-name-here:v1";
  std::string name = default_container_name(image);
  CHECK(name.size() <= 63);
  // kratix-cli: first 55 characters (trailing '-' trimmed), '-', 7 hex of sha1(full name)
  CHECK(name == "registry-example-com-a-very-long-organisation-name-and-051fcb9");
}
