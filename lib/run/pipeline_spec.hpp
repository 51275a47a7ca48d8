#pragma once
// A Pipeline of a Promise workflow, read as Kratix reads it: strictly (Kratix
// decodes Pipelines with DisallowUnknownFields, api/v1alpha1/pipeline_types.go
// PipelinesFromUnstructured), keeping where each part is for messages.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace kratix::run {

// A configMap or secret that an env var or envFrom refers to.
struct RefSpec {
  std::string kind;  // "configmap" or "secret"
  std::string name;
  std::string key;  // valueFrom only
  bool optional = false;
};

struct EnvVarSpec {
  std::string name;
  std::string value;           // `value` (may hold $(VAR) references)
  std::optional<RefSpec> ref;  // valueFrom.configMapKeyRef / secretKeyRef
  std::string unsupported;     // valueFrom.fieldRef / resourceFieldRef: what it is
  SourceLocation where;
};

struct EnvFromSpec {
  RefSpec ref;
  std::string prefix;
  SourceLocation where;
};

struct MountSpec {
  std::string volume;
  std::string path;
  bool read_only = false;
  std::string sub_path;
  SourceLocation where;
};

struct VolumeSpec {
  std::string name;
  std::string type;  // "emptyDir", "configMap", "hostPath", ...
  SourceLocation where;
};

struct ContainerSpec {
  std::string name;
  std::string image;
  std::vector<std::string> command;  // replaces the image's ENTRYPOINT
  std::vector<std::string> args;     // replaces its CMD
  std::vector<EnvVarSpec> env;
  std::vector<EnvFromSpec> env_from;
  std::vector<MountSpec> mounts;
  std::string pull_policy;  // Always | IfNotPresent | Never | "" (not set)
  std::optional<int64_t> run_as_user, run_as_group;
  bool read_only_root = false;
  SourceLocation where;
};

struct PipelineSpec {
  std::string name;
  std::vector<ContainerSpec> containers;
  std::vector<VolumeSpec> volumes;
  SourceLocation where;
};

// Reads one Pipeline; kratix::Error at FILE:LINE:COL for what Kratix would
// refuse (not a Pipeline, unknown fields, a container without name or image,
// a bad imagePullPolicy, a mount of an undeclared volume).
PipelineSpec parse_pipeline(const YAML::Node& node, const std::string& file);

}  // namespace kratix::run
