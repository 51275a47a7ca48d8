#pragma once
// YAML::LoadAll without its endless loop: yaml-cpp 0.7 makes null documents
// for ever from a ',' (or ']', '}') outside any flow collection, such as a
// file holding just ",". A first pass that builds no nodes counts the
// documents and stops at more than the text can hold; then yaml-cpp reads them.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace kratix::util {

// The documents of `text` as YAML::LoadAll reads them. yaml-cpp's exceptions
// pass through; the endless case is kratix::Error "FILE:LINE:COL: ...".
std::vector<YAML::Node> load_all(const std::string& text, const std::string& file);

}  // namespace kratix::util
