#include "promise/helm_pipeline_chart.hpp"

#include <yaml-cpp/yaml.h>

#include <vector>

#include "core/error.hpp"

namespace kratix::promise {

namespace {

bool remote(const std::string& url) {
  return url.starts_with("http://") || url.starts_with("https://") || url.starts_with("oci://");
}

bool archive_url(const std::string& url) { return url.ends_with(".tgz") || url.ends_with(".tar.gz"); }

// An http(s) URL that is not a .tgz: a chart repository, which helm needs the chart's name for.
bool repository_url(const std::string& url) { return !url.starts_with("oci://") && !archive_url(url); }

struct ChartYaml {
  std::string name;
  std::vector<std::string> sources;
};

// The fields of Chart.yaml used here; nothing when it does not read (fetching
// it has already checked what matters).
ChartYaml chart_yaml(const std::string& text) {
  ChartYaml out;
  try {
    const YAML::Node n = YAML::Load(text);
    if (!n.IsMap()) return out;
    if (n["name"] && n["name"].IsScalar()) out.name = n["name"].Scalar();
    if (n["sources"] && n["sources"].IsSequence())
      for (const auto& s : n["sources"])
        if (s.IsScalar() && !s.Scalar().empty()) out.sources.push_back(s.Scalar());
  } catch (const YAML::Exception&) {}
  return out;
}

}  // namespace

bool is_local_chart(const std::string& chart_url) { return !remote(chart_url); }

void check_pipeline_chart_url(const std::string& for_pipeline) {
  if (!for_pipeline.empty() && !remote(for_pipeline))
    throw UsageError("--chart-url-for-pipeline " + for_pipeline +
                     ": give the chart as the pipeline's container can fetch it: an http(s):// chart repository or "
                     ".tgz URL, or an oci:// reference (a local path means nothing inside the cluster)");
}

PipelineChart pipeline_chart(const PipelineChartFlags& f, const chart::ChartFiles& chart,
                             const std::function<void(const std::string&)>& warn) {
  const bool local = is_local_chart(f.chart_url);
  const ChartYaml meta = chart_yaml(chart.chart_yaml);
  if (f.for_pipeline.empty()) {
    if (local && warn) {
      std::string sources;
      for (const auto& s : meta.sources) sources += (sources.empty() ? "" : ", ") + s;
      warn("the chart is local (" + f.chart_url +
           "), so the pipeline's CHART_URL is that path, which the pipeline's container cannot reach: requests "
           "would fail. Pass --chart-url-for-pipeline with the chart repository, .tgz URL or oci:// reference the "
           "chart is published at" +
           (sources.empty() ? std::string() : " (Chart.yaml names its sources: " + sources + ")") +
           ", or set CHART_URL in the workflow before installing the Promise");
    }
    return {f.chart_url, f.chart_name, f.chart_version};
  }
  PipelineChart p{f.for_pipeline, f.chart_name, f.chart_version};
  if (p.name.empty() && repository_url(p.url)) p.name = meta.name;
  if (p.version.empty() && local && !archive_url(p.url)) p.version = chart.version;
  return p;
}

}  // namespace kratix::promise
