#include "run/contract.hpp"

#include <algorithm>

#include "run/errors.hpp"

namespace kratix::run {

namespace {

std::string text_at(const Json& obj, std::initializer_list<const char*> path) {
  const Json* cur = &obj;
  for (const char* key : path) {
    if (!cur->is_object() || !cur->contains(key)) return "";
    cur = &(*cur)[key];
  }
  return cur->is_string() ? cur->get<std::string>() : "";
}

void split_api_version(const std::string& api_version, std::string& group, std::string& version) {
  auto slash = api_version.find('/');
  if (slash == std::string::npos) {
    group.clear();
    version = api_version;
  } else {
    group = api_version.substr(0, slash);
    version = api_version.substr(slash + 1);
  }
}

constexpr const char* kDryRunLabel = "kratix.io/dry-run";  // api/v1alpha1/work_types.go DryRunLabel

}  // namespace

WorkflowContext make_context(const PromiseModel& promise, const std::string& lifecycle, const std::string& action,
                             Json object, const std::string& file, bool dry_run) {
  WorkflowContext c;
  c.type = lifecycle;
  c.action = action;
  c.promise_name = promise.name();
  SourceLocation where{file, 0, 0};
  if (!object.is_object())
    refuse(where, "is not a Kubernetes object (a YAML mapping); give the request to run the workflow for");
  std::string api_version = text_at(object, {"apiVersion"});
  c.kind = text_at(object, {"kind"});
  c.name = text_at(object, {"metadata", "name"});
  if (api_version.empty() || c.kind.empty())
    refuse(where, "the object has no apiVersion or kind; Kratix runs workflows for Kubernetes objects");
  if (c.name.empty()) refuse(where, "the object has no metadata.name; give it a name");
  split_api_version(api_version, c.group, c.version);

  if (lifecycle == "promise") {
    // ForPromise: the Promise, cluster scoped, plural "promises"; no dry runs.
    if (api_version != "platform.kratix.io/v1alpha1" || c.kind != "Promise")
      refuse(where, "promise workflows run on the Promise, but this object is " + api_version + " " + c.kind +
                        "; leave out --input (the Promise itself is the default) or give a Promise");
    if (dry_run)
      refuse("--dry-run is for resource workflows: Kratix sets KRATIX_DRY_RUN only for resource requests labelled " +
             std::string(kDryRunLabel) + ": \"true\"");
    c.crd_plural = "promises";
    c.cluster_scoped = true;
    if (object["metadata"].contains("namespace")) object["metadata"].erase("namespace");
    c.object = std::move(object);
    return c;
  }

  const ApiInfo& api = promise.api();
  if (!api.present)
    refuse(
        "the Promise has no API (spec.api), so it has no resource workflows to run; add one with 'kratix update "
        "api' or test the promise workflows");
  bool version_ok = std::find(api.versions.begin(), api.versions.end(), c.version) != api.versions.end();
  if (c.group != api.group || c.kind != api.kind || !version_ok) {
    std::string served;
    for (const auto& v : api.versions) served += (served.empty() ? "" : ", ") + api.group + "/" + v;
    refuse(where, "the object is " + api_version + " " + c.kind + ", not a request of this Promise's API (" + api.kind +
                      " in " + (served.empty() ? api.group : served) +
                      "); Kratix would not run the resource workflow for it. Fix its apiVersion and kind");
  }
  c.crd_plural = api.plural;
  c.cluster_scoped = api.cluster_scoped;
  Json& meta = object["metadata"];
  if (c.cluster_scoped) {
    if (meta.contains("namespace")) meta.erase("namespace");
  } else {
    c.ns = text_at(object, {"metadata", "namespace"});
    if (c.ns.empty()) {
      c.ns = "default";  // where kubectl puts a request without a namespace
      meta["namespace"] = c.ns;
    }
  }
  if (dry_run) meta["labels"][kDryRunLabel] = "true";
  // IsDryRun: a resource request labelled kratix.io/dry-run: "true".
  c.dry_run = text_at(object, {"metadata", "labels", kDryRunLabel}) == "true";
  c.object = std::move(object);
  return c;
}

process::Env kratix_env(const WorkflowContext& c, const std::string& pipeline) {
  process::Env env{
      {"KRATIX_WORKFLOW_ACTION", c.action},
      {"KRATIX_WORKFLOW_TYPE", c.type},
      {"KRATIX_PROMISE_NAME", c.promise_name},
      {"KRATIX_PIPELINE_NAME", pipeline},
      {"KRATIX_OBJECT_KIND", c.kind},
      {"KRATIX_OBJECT_GROUP", c.group},
      {"KRATIX_OBJECT_VERSION", c.version},
      {"KRATIX_OBJECT_NAME", c.name},
      {"KRATIX_OBJECT_NAMESPACE", c.ns},
      {"KRATIX_CRD_PLURAL", c.crd_plural},
      {"KRATIX_CLUSTER_SCOPED", c.cluster_scoped ? "true" : "false"},
  };
  if (c.dry_run) env.emplace_back("KRATIX_DRY_RUN", "true");
  return env;
}

std::string expand_references(std::string_view s, const std::map<std::string, std::string>& vars) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '$' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char next = s[i + 1];
    if (next == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (next == '(') {
      size_t close = s.find(')', i + 2);
      if (close == std::string_view::npos) {
        out += s.substr(i);
        break;
      }
      std::string name(s.substr(i + 2, close - i - 2));
      auto it = vars.find(name);
      out += it != vars.end() ? it->second : "$(" + name + ")";
      i = close;
      continue;
    }
    out += '$';
  }
  return out;
}

namespace {

// An ordered environment in which a later name replaces the earlier value.
class EnvBuilder {
 public:
  void set(const std::string& name, const std::string& value) {
    auto it = index_.find(name);
    if (it == index_.end()) {
      index_[name] = env_.size();
      env_.emplace_back(name, value);
    } else {
      env_[it->second].second = value;
    }
    values_[name] = value;
  }
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  const std::map<std::string, std::string>& values() const { return values_; }
  process::Env take() { return std::move(env_); }

 private:
  process::Env env_;
  std::map<std::string, size_t> index_;
  std::map<std::string, std::string> values_;
};

std::string ref_flag(const RefSpec& r) { return r.kind + "/" + r.name; }

}  // namespace

process::Env container_env(const ContainerSpec& c, const process::Env& kratix, const RefValues& refs,
                           const process::Env& overrides) {
  auto overridden = [&](const std::string& name) {
    return std::any_of(overrides.begin(), overrides.end(), [&](const auto& kv) { return kv.first == name; });
  };
  EnvBuilder env;
  for (const EnvFromSpec& from : c.env_from) {
    auto it = refs.find(ref_flag(from.ref));
    if (it == refs.end()) {
      if (from.ref.optional) continue;
      refuse(from.where, "container '" + c.name + "' takes its environment from " +
                             (from.ref.kind == "secret" ? "secret " : "configMap ") + from.ref.name +
                             ", which only exists in a cluster; give its values with --env-file " + ref_flag(from.ref) +
                             "=FILE (KEY=VALUE lines)");
    }
    for (const auto& [k, v] : it->second) env.set(from.prefix + k, v);
  }
  for (const auto& [k, v] : kratix) env.set(k, v);
  for (const EnvVarSpec& e : c.env) {
    if (!e.unsupported.empty()) {
      if (overridden(e.name)) continue;
      refuse(e.where, "container '" + c.name + "': env " + e.name + " comes from valueFrom." + e.unsupported +
                          ", which only exists in a cluster; give it a value with --env " + e.name + "=VALUE");
    }
    if (e.ref) {
      auto it = refs.find(ref_flag(*e.ref));
      const std::string* value = nullptr;
      if (it != refs.end()) {
        for (const auto& [k, v] : it->second) {
          if (k == e.ref->key) value = &v;
        }
      }
      if (!value) {
        if (e.ref->optional || overridden(e.name)) continue;
        std::string what = (e.ref->kind == "secret" ? "secret " : "configMap ") + e.ref->name;
        refuse(e.where,
               "container '" + c.name + "': env " + e.name + " comes from key " + e.ref->key + " of " + what +
                   (it == refs.end() ? ", which only exists in a cluster; pass --env-file " + ref_flag(*e.ref) +
                                           "=FILE with a " + e.ref->key + "=VALUE line, or --env " + e.name + "=VALUE"
                                     : ", which has no such key; add a " + e.ref->key + "=VALUE line to it"));
      }
      env.set(e.name, *value);
      continue;
    }
    env.set(e.name, expand_references(e.value, env.values()));
  }
  for (const auto& [k, v] : overrides) env.set(k, v);
  return env.take();
}

std::vector<std::string> engine_argv(const ContainerRun& r) {
  const ContainerSpec& c = *r.spec;
  std::vector<std::string> argv{r.engine,    "run",     "--rm",   "--name", r.run_name,
                                "--network", r.network, "--pull", r.pull};
  for (const Mount& m : r.mounts) {
    argv.emplace_back("-v");
    argv.push_back(m.host.string() + ":" + m.target + (m.read_only ? ":ro" : ""));
  }
  if (c.run_as_user) {
    std::string user = std::to_string(*c.run_as_user);
    if (c.run_as_group) user += ":" + std::to_string(*c.run_as_group);
    argv.emplace_back("--user");
    argv.push_back(user);
  }
  if (c.read_only_root) argv.emplace_back("--read-only");
  std::map<std::string, std::string> vars;
  for (const auto& [k, v] : r.env) {
    argv.emplace_back("-e");
    argv.push_back(k + "=" + v);
    vars[k] = v;
  }
  std::vector<std::string> tail;
  if (!c.command.empty()) {
    argv.emplace_back("--entrypoint");
    argv.push_back(expand_references(c.command.front(), vars));
    for (size_t i = 1; i < c.command.size(); ++i) tail.push_back(expand_references(c.command[i], vars));
  }
  for (const auto& a : c.args) tail.push_back(expand_references(a, vars));
  argv.push_back(r.image);
  argv.insert(argv.end(), tail.begin(), tail.end());
  return argv;
}

std::string pull_policy(const std::string& flag, const ContainerSpec& c) {
  if (!flag.empty()) return flag;
  if (c.pull_policy == "Always") return "always";
  if (c.pull_policy == "Never") return "never";
  return "missing";
}

}  // namespace kratix::run
