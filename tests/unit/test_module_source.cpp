#include <doctest/doctest.h>

#include "core/error.hpp"
#include "module/registry.hpp"
#include "module/source.hpp"
#include "module/tf_version.hpp"

using namespace kratix;
using namespace kratix::module;

TEST_CASE("module sources: git in its three forms, with //subdir and ?ref=") {
  Source s = parse_source("git::https://example.com/org/repo.git//modules/vpc?ref=v1.2.0");
  CHECK(s.kind == Source::Kind::Git);
  CHECK(s.url == "https://example.com/org/repo.git");
  CHECK(s.subdir == "modules/vpc");
  CHECK(s.ref == "v1.2.0");
  s = parse_source("https://example.com/org/repo.git?ref=main");
  CHECK(s.kind == Source::Kind::Git);
  CHECK(s.url == "https://example.com/org/repo.git");
  CHECK(s.ref == "main");
  s = parse_source("git@github.com:org/repo.git//sub");
  CHECK(s.kind == Source::Kind::Git);
  CHECK(s.url == "git@github.com:org/repo.git");
  CHECK(s.subdir == "sub");
  s = parse_source("github.com/org/repo?ref=v2");
  CHECK(s.url == "https://github.com/org/repo.git");
  CHECK(s.ref == "v2");
  s = parse_source("git::https://github.com/syntasso/terraform-google-cloud-run?ref=v0.16.4");
  CHECK(s.url == "https://github.com/syntasso/terraform-google-cloud-run");
  CHECK(s.subdir.empty());
  CHECK_THROWS_AS(parse_source("git::https://h/r.git?sshkey=abc"), UsageError);
}

TEST_CASE("module sources: archives, registry addresses and local directories") {
  Source a = parse_source("https://example.com/m/vpc-1.0.tgz//modules/x");
  CHECK(a.kind == Source::Kind::Archive);
  CHECK(a.archive_format == "tgz");
  CHECK(a.subdir == "modules/x");
  a = parse_source("https://example.com/download?id=3&archive=zip");
  CHECK(a.archive_format == "zip");
  CHECK(a.url == "https://example.com/download?id=3");
  Source r = parse_source("terraform-aws-modules/iam/aws//modules/iam-account");
  CHECK(r.kind == Source::Kind::Registry);
  CHECK(r.host == "registry.terraform.io");
  CHECK(r.registry_namespace == "terraform-aws-modules");
  CHECK(r.name == "iam");
  CHECK(r.provider == "aws");
  CHECK(r.subdir == "modules/iam-account");
  r = parse_source("127.0.0.1:8443/acme/net/aws");
  CHECK(r.kind == Source::Kind::Registry);
  CHECK(r.host == "127.0.0.1:8443");
  CHECK(r.address() == "127.0.0.1:8443/acme/net/aws");
  CHECK(parse_source("./modules/vpc").kind == Source::Kind::Local);
  CHECK(parse_source("/abs/vpc").kind == Source::Kind::Local);
  CHECK(is_registry_address("a/b/c"));
  CHECK_FALSE(is_registry_address("a/b/C"));
  CHECK_FALSE(is_registry_address("./a/b/c"));
  CHECK_FALSE(is_registry_address("git::https://a/b/c"));
  CHECK_THROWS_AS(parse_source("s3::https://bucket/x.zip"), UsageError);
  CHECK_THROWS_AS(parse_source("https://example.com/page"), UsageError);
  CHECK_THROWS_AS(parse_source("no/such"), UsageError);
}

TEST_CASE("module registry: Terraform's version constraints") {
  const std::vector<std::string> versions{"1.0.0", "1.2.0", "1.2.5", "1.3.0", "2.0.0", "2.1.0-beta1", "3.0.0"};
  auto pick = [&](const char* c) { return pick_tf_version(versions, TfConstraint::parse(c)).value_or("none"); };
  CHECK(pick("") == "3.0.0");
  CHECK(pick("1.2.0") == "1.2.0");
  CHECK(pick("= 1.2.5") == "1.2.5");
  CHECK(pick("~> 1.2") == "1.3.0");
  CHECK(pick("~> 1.2.0") == "1.2.5");
  CHECK(pick(">= 1.0, < 2.0") == "1.3.0");
  CHECK(pick("!= 3.0.0") == "2.0.0");
  CHECK(pick("> 3.0.0") == "none");
  CHECK(pick("2.1.0-beta1") == "2.1.0-beta1");
  CHECK(pick("~> 2.0") == "2.0.0");
  CHECK_THROWS_AS(TfConstraint::parse("^1.0"), UsageError);
  CHECK_THROWS_AS(TfConstraint::parse(">= 1.0 <2"), UsageError);
}

TEST_CASE("module registry: references resolve as in a browser") {
  CHECK(resolve_reference("https://r.io/.well-known/terraform.json", "/v1/modules/") == "https://r.io/v1/modules/");
  CHECK(resolve_reference("https://r.io/.well-known/terraform.json", "https://x.io/m/") == "https://x.io/m/");
  CHECK(resolve_reference("https://r.io/v1/modules/a/b/c/1.0.0/download", "./a.tgz") ==
        "https://r.io/v1/modules/a/b/c/1.0.0/a.tgz");
  CHECK(resolve_reference("https://r.io/x/download", "git::https://g.io/r.git?ref=v1") ==
        "git::https://g.io/r.git?ref=v1");
}
