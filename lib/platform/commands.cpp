#include "platform/commands.hpp"

#include "kube/client.hpp"
#include "platform/render.hpp"
#include "platform/resources.hpp"

namespace kratix::platform {

namespace {

kube::Client connect(const GetOptions& o) {
  return kube::Client(kube::resolve(kube::load_kubeconfig(o.kube.kubeconfig), o.kube));
}

}  // namespace

void get_resources_command(const std::string& promise, const GetOptions& o, const Output& output) {
  kube::Client client = connect(o);
  const std::string ns = client.config().namespace_given ? client.config().namespace_ : "";
  Resources res = get_resources(client, promise, ns);
  for (const auto& w : res.warnings) output.warn(w);
  if (o.output == "json")
    output.out(resources_document(res).dump(2) + "\n");
  else if (o.output == "yaml")
    output.out(to_yaml(resources_document(res)));
  else
    output.out(resources_table(res, o.output == "wide", Clock::now()));
  if (!o.watch || !res.has_api) return;
  watch_resources(client, res, ns, [&](const std::string& type, const Request& r) {
    if (o.output == "json" || o.output == "yaml") {
      nlohmann::ordered_json event = {{"type", type}};
      Resources one;
      one.promise = promise;
      one.api = res.api;
      one.requests = {r};
      event["request"] = resources_document(one)["requests"][0];
      output.out(o.output == "json" ? event.dump() + "\n" : "---\n" + to_yaml(event));
    } else {
      output.out(resources_row(r, type, o.output == "wide", Clock::now()));
    }
    return true;
  });
}

void get_promises_command(const GetOptions& o, const Output& output) {
  kube::Client client = connect(o);
  std::vector<PromiseInfo> promises = get_promises(client);
  if (o.output == "json")
    output.out(promises_document(promises).dump(2) + "\n");
  else if (o.output == "yaml")
    output.out(to_yaml(promises_document(promises)));
  else
    output.out(promises_table(promises, o.output == "wide", Clock::now()));
}

}  // namespace kratix::platform
