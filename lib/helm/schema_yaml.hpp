#pragma once
#include <nlohmann/json.hpp>

#include <string>

namespace kratix::helm {

// Block-style YAML text of a JSON value (a schema), keys in their order,
// sequences indented under their key, strings quoted where their plain form
// would read as something else, multi-line strings as literal blocks, floats
// with a '.' so that every YAML reader reads them back as floats.
std::string schema_yaml(const nlohmann::ordered_json& value);

}  // namespace kratix::helm
