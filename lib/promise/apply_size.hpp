#pragma once
// kubectl apply without --server-side keeps the whole object, as JSON, in its
// kubectl.kubernetes.io/last-applied-configuration annotation, and the API
// server refuses an object whose annotations pass 256 KiB in all. A Promise
// bigger than that (a large chart's API, an operator's manifests as
// dependencies) must be applied server-side or created.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kratix::promise {

inline constexpr std::size_t kAnnotationsLimit = 262144;  // 256 KiB, the API server's TotalAnnotationSizeLimitB

// The size of the YAML documents of `yaml_text` as compact JSON, as kubectl
// writes the object into the annotation: estimated from the text line by line
// (block style, as kratix writes Promises), and measured exactly when the
// estimate is near the limit.
std::size_t applied_size(std::string_view yaml_text);

// The warning for a Promise (`what`, e.g. "promise.yaml") whose applied size is
// `bytes`, with the commands that install it from `file` ("-": stdin);
// nullopt when it fits.
std::optional<std::string> apply_size_warning(std::size_t bytes, const std::string& what, const std::string& file);

}  // namespace kratix::promise
