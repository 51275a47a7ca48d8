#include "validate/workflow_check.hpp"

#include <set>

#include "promise/names.hpp"
#include "promise/update_selectors.hpp"
#include "validate/duration.hpp"

namespace stdfs = std::filesystem;

namespace kratix::validate {

namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }
bool is_map(const YAML::Node& n) { return n && n.IsMap(); }

constexpr const char* kIntervalAnnotation = "kratix.io/reconciliation-interval";

void check_interval(const YAML::Node& value, const std::string& path, const std::string& what, const Sink& err) {
  if (!value || !value.IsScalar()) return;
  auto seconds = parse_duration(value.Scalar());
  if (!seconds)
    err.add("webhook.reconciliation-interval", value, path,
            what + " '" + value.Scalar() + "' is not a duration; write it like 10m or 1h30m");
  else if (*seconds < 60)
    err.add("webhook.reconciliation-interval", value, path,
            what + " " + value.Scalar() + " is below Kratix's minimum of 1m; make it 1m or more");
}

struct PipelineContext {
  std::string lifecycle, action, path, name;
};

// The Job Kratix makes of a pipeline must pass the API server: container names
// unique among Kratix's own, volume mounts naming volumes, paths not mounted twice.
void check_job(const YAML::Node& p, const PipelineContext& at, const Sink& err) {
  YAML::Node spec = p["spec"];
  std::set<std::string> volumes{"shared-input", "shared-output", "shared-metadata"};
  if (at.action == "configure") volumes.insert("promise-scheduling");
  std::set<std::string> kratix_volumes = volumes;
  if (YAML::Node vs = spec["volumes"]; vs && vs.IsSequence()) {
    for (size_t i = 0; i < vs.size(); ++i) {
      if (!is_map(vs[i])) continue;
      std::string name = text(vs[i]["name"]);
      std::string vp = item_path(at.path + ".spec.volumes", i) + ".name";
      if (auto why = promise::check_dns1123_label(name))
        err.add("webhook.volume-name", vs[i]["name"] ? vs[i]["name"] : vs[i], vp,
                "volume name '" + name + "' is not valid: " + *why);
      else if (!volumes.insert(name).second)
        err.add("webhook.volume-name", vs[i]["name"], vp,
                "volume '" + name + "' is defined twice" +
                    (kratix_volumes.count(name) ? " (Kratix adds a volume of that name to every pipeline)" : "") +
                    "; rename it");
    }
  }
  static const std::set<std::string> defaults{"/kratix/input", "/kratix/output", "/kratix/metadata"};
  YAML::Node containers = child_of(spec, "containers");
  for (size_t j = 0; containers.IsSequence() && j < containers.size(); ++j) {
    YAML::Node ct = containers[j];
    if (!is_map(ct)) continue;
    std::string cp = item_path(at.path + ".spec.containers", j);
    std::string cn = text(ct["name"]);
    bool reserved = cn == "reader" || cn == "status-writer" || (cn == "work-writer" && at.action == "configure");
    if (reserved)
      err.add("webhook.container-name", ct["name"], cp + ".name",
              "container name '" + cn + "' is taken: Kratix adds its own '" + cn +
                  "' container to the pipeline's Job; rename it");
    YAML::Node mounts = ct["volumeMounts"];
    if (!mounts || !mounts.IsSequence()) continue;
    std::set<std::string> paths = defaults;
    for (size_t k = 0; k < mounts.size(); ++k) {
      YAML::Node m = mounts[k];
      if (!is_map(m)) continue;
      std::string mp = item_path(cp + ".volumeMounts", k);
      std::string name = text(m["name"]), mount_path = text(m["mountPath"]);
      if (name.empty())
        err.add("webhook.volume-mount", m, mp + ".name", "a volume mount needs the name of a volume");
      else if (!volumes.count(name))
        err.add("webhook.volume-mount", m["name"], mp + ".name",
                "volume mount '" + name + "' names no volume of the pipeline; add it to spec.volumes or fix the name");
      if (mount_path.empty())
        err.add("webhook.volume-mount", m, mp + ".mountPath", "a volume mount needs a mountPath");
      else if (!paths.insert(mount_path).second)
        err.add("webhook.volume-mount", m["mountPath"], mp + ".mountPath",
                "mountPath " + mount_path + " is mounted twice in container '" + cn + "'" +
                    (defaults.count(mount_path) ? " (Kratix mounts it already)" : "") + "; choose another path");
    }
  }
  YAML::Node rbac = child_of(spec, "rbac");
  std::string sa = text(child_of(rbac, "serviceAccount"));
  if (!sa.empty()) {
    if (auto why = promise::check_dns1123_subdomain(sa))
      err.add("webhook.service-account", rbac["serviceAccount"], at.path + ".spec.rbac.serviceAccount",
              "service account name '" + sa + "' is not valid: " + *why);
  }
}

void check_images(const YAML::Node& ct, const std::string& cp, const Sink& warn) {
  std::string image = text(ct["image"]);
  if (image.find("@sha256:") == std::string::npos)
    warn.add("warn.image-digest", ct["image"], cp + ".image",
             "image " + image + " is not pinned by digest (@sha256:...)");
  size_t slash = image.rfind('/');
  size_t colon = image.rfind(':');
  bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
  if (image.find('@') == std::string::npos && (!tagged || image.substr(colon + 1) == "latest"))
    warn.add("warn.image-latest", ct["image"], cp + ".image", "image " + image + " uses the latest tag; pin a version");
}

void check_pipeline(const YAML::Node& p, const PipelineContext& at, const std::string& promise_name,
                    const stdfs::path& dir, bool container_dirs, const Sink& err, const Sink& warn) {
  const std::string& name = at.name;
  std::string id = promise_name + "-" + at.lifecycle + "-" + at.action + "-" + name;
  if (id.size() > 60)
    err.add("webhook.pipeline-id-length", p["metadata"]["name"], at.path + ".metadata.name",
            "the pipeline id '" + id + "' is " + std::to_string(id.size()) +
                " characters; Kratix names the pipeline's resources with it and allows 60. Shorten the pipeline "
                "or Promise name");
  // The name goes into the pipeline's service account name (the id, a DNS
  // subdomain) and the kratix.io/pipeline-name label of its Job.
  bool promise_name_ok = !promise_name.empty() && !promise::check_dns1123_subdomain(promise_name);
  if (auto why = promise::check_dns1123_subdomain(id); why && promise_name_ok && id.size() <= 60)
    err.add("webhook.pipeline-name", p["metadata"]["name"], at.path + ".metadata.name",
            "pipeline name '" + name + "' is not valid: Kratix names the pipeline's service account '" + id +
                "', which " + *why);
  else if (auto label = promise::check_label("kratix.io/pipeline-name", name))
    err.add("webhook.pipeline-name", p["metadata"]["name"], at.path + ".metadata.name",
            "pipeline name '" + name + "' is not valid as the kratix.io/pipeline-name label: " + *label);
  if (YAML::Node labels = p["metadata"]["labels"]; is_map(labels)) {
    for (const auto& kv : labels) {
      std::string k = kv.first.Scalar(), v = text(kv.second);
      if (auto why = promise::check_label(k, v))
        err.add("webhook.pipeline-label", kv.first, at.path + ".metadata.labels." + k,
                "invalid pipeline label '" + k + "': " + *why);
    }
  }
  YAML::Node containers = p["spec"]["containers"];
  if (!containers || !containers.IsSequence() || containers.size() == 0) {
    // Kratix runs it (only its own containers); almost certainly a mistake.
    warn.add("warn.no-containers", p, at.path + ".spec.containers",
             "pipeline '" + name + "' has no containers, so it does nothing; add one with 'kratix add container'");
    check_job(p, at, err);
    return;
  }
  std::set<std::string> cnames;
  for (size_t j = 0; j < containers.size(); ++j) {
    YAML::Node ct = containers[j];
    if (!is_map(ct)) continue;  // the schema check says what it should be
    std::string cp = item_path(at.path + ".spec.containers", j);
    std::string cn = text(ct["name"]);
    if (auto why = promise::check_dns1123_label(cn))
      err.add("webhook.container-name", ct["name"] ? ct["name"] : ct, cp + ".name",
              "container name '" + cn + "' is not valid: " + *why);
    else if (!cnames.insert(cn).second)
      err.add("webhook.duplicate-container", ct["name"], cp + ".name",
              "container name '" + cn + "' appears twice in pipeline '" + name + "'");
    if (text(ct["image"]).empty()) {
      err.add("webhook.image", ct, cp + ".image", "container '" + cn + "' has no image; set one");
      continue;
    }
    check_images(ct, cp, warn);
    if (container_dirs && !stdfs::is_directory(dir / "workflows" / at.lifecycle / at.action / name / cn))
      warn.add("warn.container-directory", ct, cp,
               "no directory workflows/" + at.lifecycle + "/" + at.action + "/" + name + "/" + cn +
                   " to build it from; fine for a ready-made image, else run 'kratix add container'");
  }
  check_job(p, at, err);
}

}  // namespace

void check_workflows(const YAML::Node& promise, const std::string& promise_name, const stdfs::path& dir,
                     bool container_dirs, const Sink& err, const Sink& warn) {
  if (!is_map(promise)) return;
  if (auto why = promise::check_dns1123_subdomain(promise_name); why && !promise_name.empty())
    err.add("webhook.promise-name", child_of(promise, "metadata") ? child_of(promise, "metadata") : promise,
            "metadata.name", "the Promise name '" + promise_name + "' is not valid: " + *why);
  if (YAML::Node annotations = child_of(child_of(promise, "metadata"), "annotations"); is_map(annotations))
    check_interval(annotations[kIntervalAnnotation], std::string("metadata.annotations.") + kIntervalAnnotation,
                   std::string("annotation ") + kIntervalAnnotation, err);
  YAML::Node spec = promise["spec"];
  if (!is_map(spec)) return;
  YAML::Node workflows = spec["workflows"];
  if (!is_map(workflows)) return;
  if (is_map(workflows["config"])) {
    check_interval(workflows["config"]["reconciliationInterval"], "spec.workflows.config.reconciliationInterval",
                   "reconciliationInterval", err);
    std::string ns = text(workflows["config"]["pipelineNamespace"]);
    if (!ns.empty()) {
      if (auto why = promise::check_dns1123_label(ns))
        err.add("webhook.pipeline-namespace", workflows["config"]["pipelineNamespace"],
                "spec.workflows.config.pipelineNamespace", "pipelineNamespace '" + ns + "' is not valid: " + *why);
    }
  }
  for (const char* lifecycle : {"promise", "resource"}) {
    if (!is_map(workflows[lifecycle])) continue;
    for (const char* action : {"configure", "delete"}) {
      YAML::Node list = workflows[lifecycle][action];
      if (!list || !list.IsSequence()) continue;
      std::string lp = std::string("spec.workflows.") + lifecycle + "." + action;
      std::set<std::string> names;
      for (size_t i = 0; i < list.size(); ++i) {
        YAML::Node p = list[i];
        if (!is_map(p) || !is_map(p["metadata"])) continue;  // the schema check reports it
        PipelineContext at{lifecycle, action, item_path(lp, i), text(p["metadata"]["name"])};
        if (at.name.empty()) continue;
        if (!names.insert(at.name).second)
          err.add("webhook.duplicate-pipeline", p["metadata"]["name"], at.path + ".metadata.name",
                  "duplicate pipeline name '" + at.name + "' in " + lifecycle + "/" + action +
                      "; pipeline names must be unique per lifecycle and action");
        if (!is_map(p["spec"])) continue;
        check_pipeline(p, at, promise_name, dir, container_dirs, err, warn);
      }
    }
  }
}

}  // namespace kratix::validate
