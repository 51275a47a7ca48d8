#include "promise/init_helm.hpp"

#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "helm/schema_yaml.hpp"
#include "helm/values_schema.hpp"
#include "promise/helm_pipeline_chart.hpp"
#include "promise/names.hpp"
#include "promise/pipelines.hpp"
#include "promise/scaffold.hpp"
#include "util/shell_words.hpp"

namespace stdfs = std::filesystem;

namespace kratix::promise {

void check_helm_promise_options(const InitHelmOptions& o) {
  const ApiNames& api = o.promise.api;
  validate_promise_names({o.promise.name, api.group, api.kind, api.version, api.plural_or_default()});
  generated_pipeline_name(o.promise.name);  // fails when the name leaves no room for a pipeline name
  check_pipeline_chart_url(o.chart_url_for_pipeline);
  check_new_promise_target({o.promise.dir, o.promise.split ? Layout::Split : Layout::Flat, o.promise.force});
}

InitResult init_helm_promise(const InitHelmOptions& o, const ChartFiles& chart,
                             const std::function<void(const std::string&)>& note,
                             const std::function<void(const std::string&)>& warn) {
  const ApiNames& api = o.promise.api;
  check_helm_promise_options(o);
  helm::SchemaSources sources;
  sources.values_yaml = chart.values_yaml;
  sources.values_schema_json = chart.values_schema_json;
  sources.values_file = chart.source + "/values.yaml";
  sources.schema_file = chart.source + "/values.schema.json";
  const auto spec = helm::spec_schema_from_chart(sources, o.verbose ? note : std::function<void(const std::string&)>());

  const PipelineChart installed =
      pipeline_chart({o.chart_url, o.chart_name, o.chart_version, o.chart_url_for_pipeline}, chart, warn);
  EnvVars env{{"CHART_URL", installed.url}};
  if (!installed.name.empty()) env.emplace_back("CHART_NAME", installed.name);
  if (!installed.version.empty()) env.emplace_back("CHART_VERSION", installed.version);

  const std::string pipeline = generated_pipeline_name(o.promise.name);
  PromiseScaffold s;
  s.name = o.promise.name;
  s.api = api;
  s.spec_schema_yaml = helm::schema_yaml(spec);
  s.resource_configure_yaml = single_container_workflow(pipeline, "instance-configure", kHelmContainerImage, env);
  std::vector<std::string> extra{"--chart-url " + util::shell_quote(o.chart_url)};
  if (!o.chart_name.empty()) extra.push_back("--chart-name " + util::shell_quote(o.chart_name));
  if (!o.chart_version.empty()) extra.push_back("--chart-version " + util::shell_quote(o.chart_version));
  if (!o.chart_url_for_pipeline.empty())
    extra.push_back("--chart-url-for-pipeline " + util::shell_quote(o.chart_url_for_pipeline));
  s.command = replay_command("helm-promise", o.promise, extra);
  s.readme_notes = "Each request installs the chart (" + installed.url +
                   (installed.name.empty() ? "" : ", chart " + installed.name) +
                   (installed.version.empty() ? "" : ", version " + installed.version) +
                   ") with the request's `spec` as its values, through the `" + pipeline + "` pipeline." +
                   (chart.version.empty() ? "" : " The API schema was made from chart version " + chart.version + ".");
  InitResult r;
  r.files =
      write_new_promise(s, {o.promise.dir, o.promise.split ? Layout::Split : Layout::Flat, o.promise.force}, warn);
  r.message = bootstrapped_message(o.promise.name, o.promise.dir);
  return r;
}

}  // namespace kratix::promise
