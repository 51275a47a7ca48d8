#include "promise/api_crd.hpp"

#include "yamledit/emit.hpp"

namespace kratix::promise {

namespace {

// The CRD with an empty openAPIV3Schema node, returned for the caller to fill
// in place (yaml-cpp merges the nodes of separately built trees on assignment).
YAML::Node crd_around(const ApiNames& api, YAML::Node& root) {
  YAML::Node crd(YAML::NodeType::Map);
  crd["apiVersion"] = "apiextensions.k8s.io/v1";
  crd["kind"] = "CustomResourceDefinition";
  crd["metadata"]["name"] = yamledit::string_node(api.crd_name());
  crd["spec"]["group"] = yamledit::string_node(api.group);
  crd["spec"]["names"]["kind"] = yamledit::string_node(api.kind);
  crd["spec"]["names"]["plural"] = yamledit::string_node(api.plural_or_default());
  crd["spec"]["names"]["singular"] = yamledit::string_node(api.singular());
  crd["spec"]["scope"] = "Namespaced";
  crd["spec"]["versions"].push_back(YAML::Node(YAML::NodeType::Map));
  YAML::Node version = crd["spec"]["versions"][0];
  version["name"] = yamledit::string_node(api.version);
  root = version["schema"]["openAPIV3Schema"];
  version["served"] = true;
  version["storage"] = true;
  return crd;
}

}  // namespace

YAML::Node api_crd(const ApiNames& api, const YAML::Node& open_api_v3_schema) {
  YAML::Node root;
  YAML::Node crd = crd_around(api, root);
  for (const auto& kv : open_api_v3_schema) root[kv.first.Scalar()] = kv.second;
  return crd;
}

std::string api_crd_yaml(const ApiNames& api, const YAML::Node& spec_schema) {
  YAML::Node root;
  YAML::Node crd = crd_around(api, root);
  root["type"] = "object";
  root["properties"]["spec"] = spec_schema;  // the one merge of the (large) schema into the CRD
  if (spec_schema["required"] && spec_schema["required"].size() > 0) root["required"].push_back("spec");
  return yamledit::emit_yaml(crd);
}

}  // namespace kratix::promise
