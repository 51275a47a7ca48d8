#pragma once
// Where the pipeline of a helm Promise gets its chart: the helm-resource-configure
// container runs `helm template NAME CHART_URL` (or `CHART_NAME --repo
// CHART_URL`) with `--version CHART_VERSION` when set, from inside the
// cluster, so a local path on the machine that ran init means nothing to it.
#include <functional>
#include <string>

#include "chart/fetch.hpp"

namespace kratix::promise {

struct PipelineChart {
  std::string url;      // CHART_URL
  std::string name;     // CHART_NAME, "" for none
  std::string version;  // CHART_VERSION, "" for none
};

struct PipelineChartFlags {
  std::string chart_url;      // --chart-url: where init read the chart
  std::string chart_name;     // --chart-name
  std::string chart_version;  // --chart-version
  std::string for_pipeline;   // --chart-url-for-pipeline: where the pipeline gets it ("" = --chart-url)
};

// A --chart-url that names a local directory or .tgz (not http(s):// or oci://).
bool is_local_chart(const std::string& chart_url);

// UsageError unless --chart-url-for-pipeline (when given) is an http(s)://
// repository or .tgz URL or an oci:// reference.
void check_pipeline_chart_url(const std::string& for_pipeline);

// The pipeline's chart. With --chart-url-for-pipeline: that URL, with
// --chart-name (or, for a repository, the chart's own name from Chart.yaml)
// and --chart-version (or, for a chart read locally, the version it had, so
// that the chart installed is the one the API was made from). Without it, a
// local chart keeps its path, as kratix-cli does, and `warn` says that the
// pipeline cannot reach it and what to pass (naming Chart.yaml's `sources`).
PipelineChart pipeline_chart(const PipelineChartFlags& flags, const chart::ChartFiles& chart,
                             const std::function<void(const std::string&)>& warn);

}  // namespace kratix::promise
