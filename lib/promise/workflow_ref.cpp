#include "promise/workflow_ref.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "names/kubernetes.hpp"
#include "promise/names.hpp"
#include "util/digest.hpp"

namespace kratix::promise {

WorkflowRef parse_workflow_ref(std::string_view text) {
  WorkflowRef ref;
  size_t a = text.find('/');
  size_t b = a == std::string_view::npos ? a : text.find('/', a + 1);
  if (b == std::string_view::npos || text.find('/', b + 1) != std::string_view::npos) {
    throw UsageError("'" + std::string(text) +
                     "' is not LIFECYCLE/ACTION/PIPELINE; use e.g. resource/configure/instance");
  }
  ref.lifecycle = std::string(text.substr(0, a));
  ref.action = std::string(text.substr(a + 1, b - a - 1));
  ref.pipeline = std::string(text.substr(b + 1));
  if (ref.lifecycle != "promise" && ref.lifecycle != "resource")
    throw UsageError("invalid lifecycle '" + ref.lifecycle + "' in '" + std::string(text) +
                     "'; use promise or resource");
  if (ref.action != "configure" && ref.action != "delete")
    throw UsageError("invalid action '" + ref.action + "' in '" + std::string(text) + "'; use configure or delete");
  if (auto why = names::check_dns1123_label(ref.pipeline))
    throw UsageError("pipeline name '" + ref.pipeline + "' is not valid: " + *why +
                     "; use a DNS-1123 label such as 'instance'");
  return ref;
}

std::string default_container_name(std::string_view image) {
  // Drop a digest (@sha256:...) and a tag (the ':' after the last '/'), so that a
  // registry port (localhost:5000/img) stays part of the name.
  std::string name(image.substr(0, image.find('@')));
  size_t slash = name.rfind('/');
  size_t colon = name.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) name.resize(colon);
  for (char& c : name) {
    if (c == '/' || c == '.' || c == '_' || c == ':') c = '-';
  }
  name = to_lower(name);
  auto first = name.find_first_not_of('-');
  auto last = name.find_last_not_of('-');
  name = first == std::string::npos ? "" : name.substr(first, last - first + 1);
  if (name.size() <= 63) return name;
  std::string suffix = util::sha1_hex(name).substr(0, 7);
  std::string prefix = name.substr(0, 63 - suffix.size() - 1);
  while (!prefix.empty() && prefix.back() == '-') prefix.pop_back();
  return prefix + "-" + suffix;
}

}  // namespace kratix::promise
