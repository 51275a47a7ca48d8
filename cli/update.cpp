#include <memory>

#include "commands.hpp"
#include "promise/add_container.hpp"
#include "promise/remove_container.hpp"
#include "promise/update_api.hpp"
#include "promise/update_dependencies.hpp"
#include "promise/update_selectors.hpp"

namespace kratix::cli {

namespace {

void print_result(const promise::UpdateResult& r) {
  for (const auto& m : r.messages) print(m);
}

CLI::Option* dir_option(CLI::App* cmd, std::filesystem::path& dir) {
  return cmd->add_option("-d,--dir", dir, "Directory holding the Promise")->type_name("DIR")->capture_default_str();
}

}  // namespace

void add_update_commands(CLI::App& root) {
  CLI::App* update = root.add_subcommand("update", "Change an existing Promise: its API, dependencies, selectors");

  auto api = std::make_shared<promise::UpdateApiOptions>();
  CLI::App* a =
      update->add_subcommand("api", "Add, change or remove API properties; rename group, kind, version, plural");
  a->add_option("-p,--property", api->properties,
                "NAME:TYPE to set (TYPE: string, number, integer, object, boolean; a.b.c nests) or NAME- to remove")
      ->type_name("PROPERTY");
  a->add_option("-g,--group", api->group, "New API group");
  a->add_option("-k,--kind", api->kind, "New kind");
  a->add_option("-v,--version", api->version, "New name of the stored API version");
  a->add_option("--plural", api->plural, "New plural");
  dir_option(a, api->dir);
  a->footer(examples({
      {"add two properties and remove one",
       "kratix update api --property size:string --property replicas:integer --property region-"},
      {"nested properties create their parent objects",
       "kratix update api -p backup.schedule:string -p backup.enabled:boolean"},
      {"rename the kind (example-resource.yaml follows)", "kratix update api --kind PostgreSQL --plural postgresqls"},
  }));
  a->callback([api] { print_result(promise::update_api(*api)); });

  auto deps = std::make_shared<promise::UpdateDependenciesOptions>();
  CLI::App* d = update->add_subcommand("dependencies",
                                       "Replace the Promise's dependencies with the objects in a file or directory");
  d->add_option("path", deps->source, "A manifest file, or a directory of them (recursive; .yaml, .yml, .json)")
      ->required()
      ->type_name("PATH");
  d->add_option("-i,--image", deps->image,
                "Ship the manifests in a promise configure pipeline running this image instead");
  dir_option(d, deps->dir);
  d->footer(examples({
      {"every manifest in a directory becomes a dependency", "kratix update dependencies ./dependencies/"},
      {"one file", "kratix update dependencies operator.yaml"},
      {"install them from a workflow image instead",
       "kratix update dependencies ./dependencies/ --image ghcr.io/myorg/pg-deps:v1.0.0"},
  }));
  d->callback([deps] { print_result(promise::update_dependencies(*deps)); });

  auto sel_dir = std::make_shared<std::filesystem::path>(".");
  auto labels = std::make_shared<std::vector<std::string>>();
  CLI::App* s =
      update->add_subcommand("destination-selector", "Set (KEY=VALUE) or remove (KEY-) destination selector labels");
  s->add_option("labels", *labels, "KEY=VALUE to set, KEY- to remove")->required()->type_name("LABEL");
  dir_option(s, *sel_dir);
  s->footer(examples({
      {"schedule to dev destinations", "kratix update destination-selector environment=dev"},
      {"stop selecting on zone", "kratix update destination-selector zone-"},
  }));
  s->callback([sel_dir, labels] { print_result(promise::update_destination_selectors(*sel_dir, *labels)); });

  auto req_dir = std::make_shared<std::filesystem::path>(".");
  auto reqs = std::make_shared<std::vector<std::string>>();
  CLI::App* q =
      update->add_subcommand("required-promises", "Require (NAME@VERSION) or stop requiring (NAME-) other Promises");
  q->add_option("promises", *reqs, "NAME@VERSION to require, NAME- to remove")->required()->type_name("PROMISE");
  dir_option(q, *req_dir);
  q->footer(examples({
      {"a composed Promise needs postgresql v1.2.0 and redis",
       "kratix update required-promises postgresql@v1.2.0 redis@v0.3.0"},
      {"no longer needs redis", "kratix update required-promises redis-"},
  }));
  q->callback([req_dir, reqs] { print_result(promise::update_required_promises(*req_dir, *reqs)); });
}

void add_add_commands(CLI::App& root) {
  CLI::App* add = root.add_subcommand("add", "Add to an existing Promise");
  auto opts = std::make_shared<promise::AddContainerOptions>();
  CLI::App* c = add->add_subcommand("container", "Add a container to a workflow pipeline and scaffold its image");
  c->add_option("workflow", opts->workflow, "LIFECYCLE/ACTION/PIPELINE: promise|resource / configure|delete / name")
      ->required()
      ->type_name("LIFECYCLE/ACTION/PIPELINE");
  c->add_option("-i,--image", opts->image, "The image the container runs")->required();
  c->add_option("-n,--name", opts->name, "Container name (default: from the image, e.g. myorg-pg-configure)");
  c->add_option("-l,--language", opts->language, "Language of the scaffolded pipeline script")
      ->type_name("{bash,go,python}")
      ->capture_default_str();
  dir_option(c, opts->dir);
  c->footer(examples({
      {"LIFECYCLE is promise or resource; ACTION is configure or delete",
       "kratix add container resource/configure/instance --image ghcr.io/myorg/pg-configure:v1.0.0"},
      {"a named Python container in the promise configure pipeline",
       "kratix add container promise/configure/setup --image ghcr.io/myorg/setup:v1 --name setup --language python"},
  }));
  c->callback([opts] { print_result(promise::add_container(*opts)); });
}

void add_remove_commands(CLI::App& root) {
  CLI::App* remove = root.add_subcommand("remove", "Remove from an existing Promise what add put there");
  auto opts = std::make_shared<promise::RemoveContainerOptions>();
  CLI::App* c = remove->add_subcommand("container", "Remove a container from a workflow pipeline");
  c->add_option("workflow", opts->workflow, "LIFECYCLE/ACTION/PIPELINE: promise|resource / configure|delete / name")
      ->required()
      ->type_name("LIFECYCLE/ACTION/PIPELINE");
  c->add_option("-n,--name", opts->name, "The container to remove")->required();
  dir_option(c, opts->dir);
  c->footer(examples({
      {"undo 'add container resource/configure/instance --name notify'",
       "kratix remove container resource/configure/instance --name notify"},
  }));
  c->callback([opts] { print_result(promise::remove_container(*opts)); });
}

}  // namespace kratix::cli
