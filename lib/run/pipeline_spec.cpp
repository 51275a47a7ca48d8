#include "run/pipeline_spec.hpp"

#include <algorithm>
#include <set>

#include "run/errors.hpp"

namespace kratix::run {

namespace {

// The fields of Kratix's Pipeline, PipelineSpec and Container types and of the
// Kubernetes types they hold (api/v1alpha1/pipeline_types.go); Kratix decodes
// with DisallowUnknownFields, so anything else makes it refuse the Promise.
const std::set<std::string> kPipelineKeys{"apiVersion", "kind", "metadata", "spec"};
const std::set<std::string> kSpecKeys{"containers", "imagePullSecrets", "jobOptions",  "nodeSelector",
                                      "rbac",       "restartPolicy",    "tolerations", "volumes"};
const std::set<std::string> kContainerKeys{
    "name",     "image", "args", "command", "env", "envFrom", "volumeMounts", "imagePullPolicy", "securityContext",
    "resources"};
const std::set<std::string> kEnvKeys{"name", "value", "valueFrom"};
const std::set<std::string> kValueFromKeys{"configMapKeyRef", "secretKeyRef", "fieldRef", "resourceFieldRef"};
const std::set<std::string> kKeyRefKeys{"name", "key", "optional"};
const std::set<std::string> kEnvFromKeys{"prefix", "configMapRef", "secretRef"};
const std::set<std::string> kRefKeys{"name", "optional"};
const std::set<std::string> kMountKeys{"name",        "mountPath",        "readOnly",         "subPath",
                                       "subPathExpr", "mountPropagation", "recursiveReadOnly"};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  SourceLocation at(const YAML::Node& n) const {
    if (!n || n.Mark().is_null()) return {file_, 0, 0};
    return {file_, n.Mark().line + 1, n.Mark().column + 1};
  }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& message) const { refuse(at(n), message); }

  void known(const YAML::Node& map, const std::set<std::string>& keys, const std::string& what) const {
    for (const auto& kv : map) {
      std::string key = kv.first.Scalar();
      if (keys.count(key) == 0)
        fail(kv.first, "unknown field '" + key + "' in " + what +
                           "; Kratix refuses Pipelines with fields it does not know (it decodes them strictly). "
                           "Remove it");
    }
  }

  YAML::Node map(const YAML::Node& parent, const std::string& key, const std::string& what) const {
    YAML::Node n = parent[key];
    if (n && !n.IsNull() && !n.IsMap()) fail(n, what + "." + key + " must be a mapping");
    return n && n.IsMap() ? n : YAML::Node(YAML::NodeType::Undefined);
  }

  YAML::Node list(const YAML::Node& parent, const std::string& key, const std::string& what) const {
    YAML::Node n = parent[key];
    if (n && !n.IsNull() && !n.IsSequence()) fail(n, what + "." + key + " must be a list");
    return n && n.IsSequence() ? n : YAML::Node(YAML::NodeType::Sequence);
  }

  std::string text(const YAML::Node& parent, const std::string& key, const std::string& what) const {
    YAML::Node n = parent[key];
    if (!n || n.IsNull()) return "";
    if (!n.IsScalar()) fail(n, what + "." + key + " must be a string");
    return n.Scalar();
  }

  bool flag(const YAML::Node& parent, const std::string& key, const std::string& what) const {
    YAML::Node n = parent[key];
    if (!n || n.IsNull()) return false;
    std::string s = n.IsScalar() ? n.Scalar() : "";
    if (s == "true") return true;
    if (s == "false") return false;
    fail(n, what + "." + key + " must be true or false");
  }

  std::vector<std::string> strings(const YAML::Node& parent, const std::string& key, const std::string& what) const {
    std::vector<std::string> out;
    for (const auto& item : list(parent, key, what)) {
      if (!item.IsScalar()) fail(item, what + "." + key + " must be a list of strings");
      out.push_back(item.Scalar());
    }
    return out;
  }

  std::optional<int64_t> integer(const YAML::Node& parent, const std::string& key, const std::string& what) const {
    YAML::Node n = parent[key];
    if (!n || n.IsNull()) return std::nullopt;
    try {
      return n.as<int64_t>();
    } catch (const YAML::Exception&) {
      fail(n, what + "." + key + " must be an integer");
    }
  }

  RefSpec ref(const YAML::Node& n, const std::string& kind, const std::string& what, bool with_key) const {
    known(n, with_key ? kKeyRefKeys : kRefKeys, what);
    RefSpec r;
    r.kind = kind;
    r.name = text(n, "name", what);
    if (r.name.empty()) fail(n, what + " needs a name");
    if (with_key) {
      r.key = text(n, "key", what);
      if (r.key.empty()) fail(n, what + " needs a key");
    }
    r.optional = flag(n, "optional", what);
    return r;
  }

  // Each mapping of a list, with its place for messages ("container 'c'.env[0]")
  // and its fields checked.
  template <typename F>
  void each(const YAML::Node& items, const std::string& what, const std::set<std::string>& keys, F&& f) const {
    for (size_t i = 0; i < items.size(); ++i) {
      std::string w = what + "[" + std::to_string(i) + "]";
      YAML::Node n = items[i];
      if (!n.IsMap()) fail(n, w + " must be a mapping");
      known(n, keys, w);
      f(n, w);
    }
  }

  EnvVarSpec env_var(const YAML::Node& e, const std::string& what) const {
    EnvVarSpec v;
    v.where = at(e);
    v.name = text(e, "name", what);
    if (v.name.empty()) fail(e, what + " needs a name");
    v.value = text(e, "value", what);
    YAML::Node from = map(e, "valueFrom", what);
    if (from) {
      known(from, kValueFromKeys, what + ".valueFrom");
      if (from.size() != 1) fail(from, what + ".valueFrom must hold exactly one source");
      if (YAML::Node r = map(from, "configMapKeyRef", what + ".valueFrom"))
        v.ref = ref(r, "configmap", what + ".valueFrom.configMapKeyRef", true);
      else if (YAML::Node s = map(from, "secretKeyRef", what + ".valueFrom"))
        v.ref = ref(s, "secret", what + ".valueFrom.secretKeyRef", true);
      else
        v.unsupported = from.begin()->first.Scalar();
    }
    return v;
  }

  ContainerSpec container(const YAML::Node& c, const std::string& what) const {
    if (!c.IsMap()) fail(c, what + " must be a mapping");
    ContainerSpec out;
    out.where = at(c);
    out.name = text(c, "name", what);
    if (out.name.empty()) fail(c, what + " needs a name");
    std::string self = "container '" + out.name + "'";
    known(c, kContainerKeys, self);
    out.image = text(c, "image", self);
    if (out.image.empty()) fail(c, self + " needs an image; set it (e.g. kratix add container ... --image)");
    out.command = strings(c, "command", self);
    out.args = strings(c, "args", self);
    each(list(c, "env", self), self + ".env", kEnvKeys,
         [&](const YAML::Node& e, const std::string& w) { out.env.push_back(env_var(e, w)); });
    each(list(c, "envFrom", self), self + ".envFrom", kEnvFromKeys, [&](const YAML::Node& f, const std::string& w) {
      EnvFromSpec e;
      e.where = at(f);
      e.prefix = text(f, "prefix", w);
      YAML::Node cm = map(f, "configMapRef", w), sec = map(f, "secretRef", w);
      if (!cm == !sec) fail(f, w + " needs one of configMapRef or secretRef");
      e.ref = cm ? ref(cm, "configmap", w + ".configMapRef", false) : ref(sec, "secret", w + ".secretRef", false);
      out.env_from.push_back(e);
    });
    each(list(c, "volumeMounts", self), self + ".volumeMounts", kMountKeys,
         [&](const YAML::Node& m, const std::string& w) {
           MountSpec mount;
           mount.where = at(m);
           mount.volume = text(m, "name", w);
           mount.path = text(m, "mountPath", w);
           if (mount.volume.empty() || mount.path.empty()) fail(m, w + " needs a name and a mountPath");
           if (mount.path.front() != '/') fail(m["mountPath"], w + ".mountPath must be an absolute path");
           if (mount.path == "/kratix" || mount.path.starts_with("/kratix/input") ||
               mount.path.starts_with("/kratix/output") || mount.path.starts_with("/kratix/metadata"))
             fail(m["mountPath"], w + ".mountPath " + mount.path +
                                      " is where Kratix mounts its own volumes; mount the volume somewhere else");
           mount.read_only = flag(m, "readOnly", w);
           mount.sub_path = text(m, "subPath", w);
           if (!text(m, "subPathExpr", w).empty())
             fail(m["subPathExpr"], w + ".subPathExpr is not supported by kratix test; use subPath");
           out.mounts.push_back(mount);
         });
    out.pull_policy = text(c, "imagePullPolicy", self);
    if (!out.pull_policy.empty() && out.pull_policy != "Always" && out.pull_policy != "IfNotPresent" &&
        out.pull_policy != "Never")
      fail(c["imagePullPolicy"], self + ".imagePullPolicy must be Always, IfNotPresent or Never");
    if (YAML::Node sc = map(c, "securityContext", self)) {
      out.run_as_user = integer(sc, "runAsUser", self + ".securityContext");
      out.run_as_group = integer(sc, "runAsGroup", self + ".securityContext");
      out.read_only_root = flag(sc, "readOnlyRootFilesystem", self + ".securityContext");
    }
    return out;
  }

 private:
  std::string file_;
};

}  // namespace

PipelineSpec parse_pipeline(const YAML::Node& node, const std::string& file) {
  Reader r(file);
  if (!node.IsMap()) r.fail(node, "a Pipeline must be a mapping with apiVersion, kind, metadata and spec");
  std::string api = r.text(node, "apiVersion", "the Pipeline"), kind = r.text(node, "kind", "the Pipeline");
  if (api != "platform.kratix.io/v1alpha1" || kind != "Pipeline")
    r.fail(node, "unsupported pipeline with apiVersion '" + api + "' and kind '" + kind +
                     "'; Kratix runs apiVersion platform.kratix.io/v1alpha1, kind Pipeline");
  r.known(node, kPipelineKeys, "the Pipeline");
  PipelineSpec p;
  p.where = r.at(node);
  YAML::Node meta = r.map(node, "metadata", "the Pipeline");
  p.name = meta ? r.text(meta, "name", "metadata") : "";
  if (p.name.empty()) r.fail(node, "the Pipeline needs metadata.name");
  std::string self = "pipeline '" + p.name + "'";
  YAML::Node spec = r.map(node, "spec", self);
  if (!spec) r.fail(node, self + " has no spec.containers; add one with 'kratix add container'");
  r.known(spec, kSpecKeys, self + " spec");
  YAML::Node volumes = r.list(spec, "volumes", self + ".spec");
  for (size_t i = 0; i < volumes.size(); ++i) {
    YAML::Node v = volumes[i];
    std::string w = self + ".spec.volumes[" + std::to_string(i) + "]";
    if (!v.IsMap()) r.fail(v, w + " must be a mapping");
    VolumeSpec vol;
    vol.where = r.at(v);
    vol.name = r.text(v, "name", w);
    if (vol.name.empty()) r.fail(v, w + " needs a name");
    for (const auto& kv : v) {
      if (kv.first.Scalar() != "name") vol.type = kv.first.Scalar();
    }
    if (std::any_of(p.volumes.begin(), p.volumes.end(), [&](const VolumeSpec& o) { return o.name == vol.name; }))
      r.fail(v, w + ": volume '" + vol.name + "' is declared twice");
    p.volumes.push_back(vol);
  }
  YAML::Node containers = r.list(spec, "containers", self + ".spec");
  if (containers.size() == 0) r.fail(spec, self + " has no containers; add one with 'kratix add container'");
  for (size_t i = 0; i < containers.size(); ++i) {
    ContainerSpec c = r.container(containers[i], self + ".spec.containers[" + std::to_string(i) + "]");
    for (const auto& other : p.containers) {
      if (other.name == c.name) r.fail(containers[i], "container '" + c.name + "' appears twice in " + self);
    }
    for (const auto& m : c.mounts) {
      auto v =
          std::find_if(p.volumes.begin(), p.volumes.end(), [&](const VolumeSpec& x) { return x.name == m.volume; });
      if (v == p.volumes.end())
        refuse(m.where, "container '" + c.name + "' mounts volume '" + m.volume + "', which " + self +
                            " does not declare in spec.volumes");
      if (v->type != "emptyDir")
        refuse(m.where, "container '" + c.name + "' mounts volume '" + m.volume + "' (" +
                            (v->type.empty() ? "no type" : v->type) +
                            "); kratix test runs emptyDir volumes only. Make it an emptyDir for the test, or write "
                            "what it holds from the container");
    }
    p.containers.push_back(std::move(c));
  }
  return p;
}

}  // namespace kratix::run
