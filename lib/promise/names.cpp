#include "promise/names.hpp"

#include <cctype>

#include "core/error.hpp"
#include "names/kubernetes.hpp"

namespace kratix::promise {

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string default_plural(std::string_view kind) { return to_lower(kind) + "s"; }

void validate_promise_names(const NamedFields& f) {
  auto check = [](std::string_view what, std::string_view value, std::optional<std::string> why,
                  std::string_view hint) {
    if (why) {
      throw UsageError(std::string(what) + " '" + std::string(value) + "' is not valid: " + *why + "; " +
                       std::string(hint));
    }
  };
  check("promise name", f.name, names::check_dns1123_label(f.name),
        "use a DNS-1123 label such as 'postgresql' (lower-case letters, digits, '-')");
  check("--group", f.group, names::check_api_group(f.group), "use a DNS subdomain such as 'myorg.com'");
  check("--kind", f.kind, names::check_kind(f.kind), "use a Kubernetes kind such as 'Database'");
  check("--version", f.version, names::check_api_version(f.version), "use an API version such as 'v1alpha1'");
  check("--plural", f.plural, names::check_plural(f.plural), "use a lower-case DNS label such as 'databases'");
}

}  // namespace kratix::promise
