#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "chart/fetch.hpp"
#include "promise/init.hpp"

namespace kratix::promise {

inline constexpr const char* kHelmContainerImage = "ghcr.io/syntasso/kratix-cli/helm-resource-configure:v0.2.0";

struct InitHelmOptions {
  InitPromiseOptions promise;
  std::string chart_url;  // as given: oci://, a repository or .tgz URL, a local directory or .tgz
  std::string chart_name;
  std::string chart_version;
  std::string chart_url_for_pipeline;  // where the pipeline gets the chart, when not --chart-url (a local chart)
  bool verbose = false;
};

// The chart files the schema is made from (lib/chart/fetch.hpp).
using ChartFiles = chart::ChartFiles;

// The checks that need no chart (names, the target directory), made before
// fetching one so that bad flags fail fast and without network traffic.
void check_helm_promise_options(const InitHelmOptions& options);

// kratix init helm-promise: the API's spec schema from the chart's values (and
// values.schema.json), and a resource configure pipeline that installs the chart
// for each request. `note` receives --verbose remarks, `warn` warnings (a
// local chart the pipeline cannot reach, a Promise too big for a client-side
// kubectl apply).
InitResult init_helm_promise(const InitHelmOptions& options, const ChartFiles& chart,
                             const std::function<void(const std::string&)>& note,
                             const std::function<void(const std::string&)>& warn);

}  // namespace kratix::promise
