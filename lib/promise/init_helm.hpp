#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "promise/init.hpp"

namespace kratix::promise {

inline constexpr const char* kHelmContainerImage = "ghcr.io/syntasso/kratix-cli/helm-resource-configure:v0.2.0";

struct InitHelmOptions {
  InitPromiseOptions promise;
  std::string chart_url;      // a local chart directory (this build); repository, OCI and .tgz sources: see docs
  std::string chart_name;
  std::string chart_version;
  bool verbose = false;
};

// The chart files the schema is made from.
struct ChartFiles {
  std::string chart_yaml;
  std::string values_yaml;
  std::optional<std::string> values_schema_json;
  std::string source;  // where they came from, for messages
};

// Reads a chart from a local directory (Chart.yaml, values.yaml and an optional
// values.schema.json). kratix::Error naming the directory when it is not a chart.
ChartFiles read_chart_directory(const std::filesystem::path& dir);

// kratix init helm-promise: the API's spec schema from the chart's values (and
// values.schema.json), and a resource configure pipeline that installs the chart
// for each request. `note` receives --verbose remarks.
InitResult init_helm_promise(const InitHelmOptions& options, const ChartFiles& chart,
                             const std::function<void(const std::string&)>& note);

}  // namespace kratix::promise
