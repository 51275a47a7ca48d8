#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "helm/values_comments.hpp"
#include "skip.hpp"

using kratix::helm::values_comments;

TEST_CASE("values comments: helm-docs '# --' above a key, with continuation lines") {
  auto d = values_comments(
      "image:\n"
      "  # -- The image repository\n"
      "  # to pull from.\n"
      "  repository: nginx\n"
      "  # -- Pull policy\n"
      "  # @default -- IfNotPresent\n"
      "  pullPolicy: IfNotPresent\n");
  CHECK(d["image.repository"] == "The image repository to pull from.");
  CHECK(d["image.pullPolicy"] == "Pull policy");
  CHECK(d.count("image") == 0);
}

TEST_CASE("values comments: the older '# path -- text' anywhere in the file") {
  auto d = values_comments(
      "# datadog.apiKey -- Your API key\n"
      "## a header that is not part of it\n"
      "datadog:\n"
      "  apiKey:\n"
      "# registryMigrationMode -- Controls migration to\n"
      "# registry.datadoghq.com.\n"
      "\n"
      "## \"auto\" (default)\n"
      "registryMigrationMode: auto\n");
  CHECK(d["datadog.apiKey"] == "Your API key");
  CHECK(d["registryMigrationMode"] == "Controls migration to registry.datadoghq.com.");
}

TEST_CASE("values comments: plain comments right above a key, without commented-out YAML") {
  auto d = values_comments(
      "# Number of replicas\n"
      "# to run.\n"
      "replicaCount: 1\n"
      "\n"
      "# A comment separated by a blank line does not count\n"
      "\n"
      "port: 80\n"
      "resources:\n"
      "  # How much memory\n"
      "  # limits:\n"
      "  #   memory: 1Gi\n"
      "  # - item\n"
      "  memory: 1Gi\n"
      "## headers are not descriptions\n"
      "other: x\n");
  CHECK(d["replicaCount"] == "Number of replicas to run.");
  CHECK(d.count("port") == 0);
  CHECK(d["resources.memory"] == "How much memory");
  CHECK(d.count("other") == 0);
}

TEST_CASE("values comments: Bitnami '## @param'") {
  auto d = values_comments("## @param auth.enabled Enable authentication\nauth:\n  enabled: true\n");
  CHECK(d["auth.enabled"] == "Enable authentication");
}

TEST_CASE("values comments: list items, quoted keys and block scalars") {
  auto d = values_comments(
      "tolerations:\n"
      "  # -- the key\n"
      "  - key: a\n"
      "    # -- the effect\n"
      "    effect: NoSchedule\n"
      "\"quoted.key\":\n"
      "  # -- inside\n"
      "  x: 1\n"
      "script: |\n"
      "  # -- not a comment, script text\n"
      "  notakey: 1\n"
      "# -- after the script\n"
      "after: 2\n");
  CHECK(d["tolerations[].key"] == "the key");
  CHECK(d["tolerations[].effect"] == "the effect");
  CHECK(d["quoted.key.x"] == "inside");
  CHECK(d.count("script.notakey") == 0);
  CHECK(d.count("notakey") == 0);
  CHECK(d["after"] == "after the script");
}

TEST_CASE("values comments: the real Datadog chart documents most of its keys") {
  std::filesystem::path values = std::filesystem::path(KRATIX_SHARED) / "corpus/charts/datadog/values.yaml";
  if (kratix::test::skip_without(values)) return;
  std::ifstream in(values);
  std::stringstream ss;
  ss << in.rdbuf();
  auto d = values_comments(ss.str());
  CHECK(d.size() > 400);
  CHECK(d["datadog.apiKey"] == "Your Datadog API key");
  CHECK(d["targetSystem"] == "Target OS for this deployment (possible values: linux, windows)");
}

TEST_CASE("values comments: helm-docs type annotations are taken out of the text") {
  const auto d = kratix::helm::values_docs(
      "# -- (string) The name\n"
      "name:\n"
      "# ports.http -- (int) The port\n"
      "ports:\n"
      "  http:\n"
      "# -- (optional) a plain remark, not an annotation\n"
      "# (it stays in the text)\n"
      "note: x\n"
      "# Plain comments (like this one) carry no type\n"
      "plain:\n"
      "# -- ( spaced ) is not an annotation\n"
      "odd:\n");
  CHECK(d.descriptions.at("name") == "The name");
  CHECK(d.types.at("name") == "string");
  CHECK(d.descriptions.at("ports.http") == "The port");
  CHECK(d.types.at("ports.http") == "int");
  CHECK(d.types.count("note") == 0);
  CHECK(d.descriptions.at("note") == "(optional) a plain remark, not an annotation (it stays in the text)");
  CHECK(d.types.count("plain") == 0);
  CHECK(d.descriptions.at("plain") == "Plain comments (like this one) carry no type");
  CHECK(d.types.count("odd") == 0);
  CHECK(d.descriptions.at("odd") == "( spaced ) is not an annotation");
}
