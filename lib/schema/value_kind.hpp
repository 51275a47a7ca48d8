#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

namespace kratix::schema {

// What a YAML value is once Kubernetes has read it (sigs.k8s.io/yaml, so YAML
// 1.1 words such as yes/no/on/off are booleans); quoted scalars are strings.
enum class ValueKind { Null, Boolean, Integer, Number, String, Object, Array };
ValueKind kind_of(const YAML::Node& value);
const char* kind_name(ValueKind kind);  // "a string", "an integer", ...

// The numeric value of an Integer or Number scalar.
double number_of(const YAML::Node& value);

}  // namespace kratix::schema
