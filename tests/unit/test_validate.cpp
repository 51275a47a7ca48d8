#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <tuple>

#include "temp_dir.hpp"
#include "validate/duration.hpp"
#include "validate/validate.hpp"

using namespace kratix::validate;

TEST_CASE("validate durations: Go's time.ParseDuration") {
  CHECK(parse_duration("10m") == 600);
  CHECK(parse_duration("+10m") == 600);
  CHECK(parse_duration("1h30m") == 5400);
  CHECK(parse_duration(".5h") == 1800);
  CHECK(parse_duration("0") == 0);
  CHECK(parse_duration("-1m") == -60);
  CHECK_FALSE(parse_duration("10"));
  CHECK_FALSE(parse_duration("ten minutes"));
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("1d"));
  CHECK(parse_duration("99999999999999999999999999999999999999h").has_value());  // no std::stod error
}

TEST_CASE("validate: a large dependency list read by the fast scanner gives the findings yaml-cpp would") {
  // Over 64 KiB of dependencies: a ConfigMap without a namespace (a warning),
  // a plain string (an error), then a workflow with a bad container name
  // below the list, whose line must still be right.
  std::string text =
      "apiVersion: platform.kratix.io/v1alpha1\nkind: Promise\nmetadata:\n  name: big\nspec:\n  dependencies:\n";
  int line = 7;
  for (int i = 0; i < 1200; ++i, line += 5)
    text += "  - apiVersion: v1\n    kind: Secret\n    metadata: {name: s" + std::to_string(i) +
            ", namespace: n}\n    # a comment: with & and * in it\n    data: {k: dmFsdWU=}\n";
  int configmap_line = line;
  text += "  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n";
  int string_line = configmap_line + 4;
  text += "  - just a string\n";
  text +=
      "  workflows:\n    resource:\n      configure:\n      - apiVersion: platform.kratix.io/v1alpha1\n        kind: "
      "Pipeline\n        metadata: {name: p}\n        spec:\n          containers:\n          - {name: Bad_Name, "
      "image: 'a/b:1@sha256:" +
      std::string(64, 'a') + "'}\n";
  int container_line = string_line + 9;
  kratix::test::TempDir dir;
  std::ofstream(dir / "promise.yaml") << text;
  REQUIRE(text.size() > 64 * 1024);
  Report r = validate_promise({dir.path(), {}, ""});
  std::vector<std::tuple<std::string, std::string, int>> errors, warnings;
  for (const auto& f : r.errors) errors.emplace_back(f.rule, f.path, f.line);
  for (const auto& f : r.warnings) warnings.emplace_back(f.rule, f.path, f.line);
  std::sort(errors.begin(), errors.end());
  CHECK(errors == std::vector<std::tuple<std::string, std::string, int>>{
                      {"promise.type", "spec.dependencies[1201]", string_line},
                      {"webhook.container-name", "spec.workflows.resource.configure[0].spec.containers[0].name",
                       container_line}});
  CHECK(warnings == std::vector<std::tuple<std::string, std::string, int>>{
                        {"warn.dependency-namespace", "spec.dependencies[1200]", configmap_line}});
}
