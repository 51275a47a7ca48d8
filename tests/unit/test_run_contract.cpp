#include <doctest/doctest.h>

#include "core/error.hpp"
#include "run/contract.hpp"
#include "run/pipeline_spec.hpp"
#include "run/promise_model.hpp"
#include "temp_dir.hpp"

namespace run = kratix::run;
using run::Json;

namespace {

const char* kPromise = R"(apiVersion: platform.kratix.io/v1alpha1
kind: Promise
metadata:
  name: pg
spec:
  destinationSelectors:
    - matchLabels: {env: dev}
  api:
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: databases.myorg.com
    spec:
      group: myorg.com
      names: {kind: Database, plural: databases, singular: database}
      scope: Namespaced
      versions:
        - name: v1alpha1
          served: true
          storage: true
  workflows:
    resource:
      configure:
        - apiVersion: platform.kratix.io/v1alpha1
          kind: Pipeline
          metadata: {name: instance}
          spec:
            containers:
              - name: create
                image: myorg/create:v1
)";

run::ContainerSpec container(const std::string& yaml) {
  std::string text =
      "apiVersion: platform.kratix.io/v1alpha1\nkind: Pipeline\nmetadata: {name: p}\nspec:\n"
      "  volumes:\n  - name: scratch\n    emptyDir: {}\n  - name: cm\n    configMap: {name: x}\n"
      "  containers:\n" +
      yaml;
  return run::parse_pipeline(YAML::Load(text), "workflow.yaml").containers.at(0);
}

std::string refused(const std::string& yaml) {
  try {
    container(yaml);
  } catch (const kratix::Error& e) {
    CHECK(e.exit_code() == kratix::ExitCode::Usage);
    return e.describe();
  }
  return "";
}

std::string env_value(const kratix::process::Env& env, const std::string& name) {
  for (const auto& [k, v] : env) {
    if (k == name) return v;
  }
  return "<unset>";
}

}  // namespace

TEST_CASE("run contract: resource workflows get Kratix's variables in its order") {
  kratix::test::TempDir t;
  kratix::test::write_text(t / "promise.yaml", kPromise);
  auto promise = run::PromiseModel::load(t.path());
  Json object = {{"apiVersion", "myorg.com/v1alpha1"}, {"kind", "Database"}, {"metadata", {{"name", "db1"}}}};
  auto ctx = run::make_context(promise, "resource", "configure", object, "example-resource.yaml", false);
  CHECK(ctx.ns == "default");
  CHECK(ctx.object["metadata"]["namespace"] == "default");
  auto env = run::kratix_env(ctx, "instance");
  kratix::process::Env want{{"KRATIX_WORKFLOW_ACTION", "configure"}, {"KRATIX_WORKFLOW_TYPE", "resource"},
                            {"KRATIX_PROMISE_NAME", "pg"},           {"KRATIX_PIPELINE_NAME", "instance"},
                            {"KRATIX_OBJECT_KIND", "Database"},      {"KRATIX_OBJECT_GROUP", "myorg.com"},
                            {"KRATIX_OBJECT_VERSION", "v1alpha1"},   {"KRATIX_OBJECT_NAME", "db1"},
                            {"KRATIX_OBJECT_NAMESPACE", "default"},  {"KRATIX_CRD_PLURAL", "databases"},
                            {"KRATIX_CLUSTER_SCOPED", "false"}};
  CHECK(env == want);
  auto dry = run::make_context(promise, "resource", "configure", object, "x.yaml", true);
  CHECK(dry.dry_run);
  CHECK(dry.object["metadata"]["labels"]["kratix.io/dry-run"] == "true");
  CHECK(run::kratix_env(dry, "instance").back() == std::pair<std::string, std::string>{"KRATIX_DRY_RUN", "true"});
  CHECK(promise.destination_selectors().size() == 1);
}

TEST_CASE("run contract: promise workflows describe the Promise, cluster scoped, plural promises") {
  kratix::test::TempDir t;
  kratix::test::write_text(t / "promise.yaml", kPromise);
  auto promise = run::PromiseModel::load(t.path());
  auto ctx = run::make_context(promise, "promise", "configure", promise.object(), "promise.yaml", false);
  auto env = run::kratix_env(ctx, "deps");
  CHECK(env_value(env, "KRATIX_OBJECT_KIND") == "Promise");
  CHECK(env_value(env, "KRATIX_OBJECT_GROUP") == "platform.kratix.io");
  CHECK(env_value(env, "KRATIX_OBJECT_VERSION") == "v1alpha1");
  CHECK(env_value(env, "KRATIX_OBJECT_NAME") == "pg");
  CHECK(env_value(env, "KRATIX_OBJECT_NAMESPACE").empty());
  CHECK(env_value(env, "KRATIX_CRD_PLURAL") == "promises");
  CHECK(env_value(env, "KRATIX_CLUSTER_SCOPED") == "true");
  CHECK_THROWS_WITH(run::make_context(promise, "promise", "configure", promise.object(), "promise.yaml", true),
                    doctest::Contains("--dry-run is for resource workflows"));
}

TEST_CASE("run contract: an object that is not a request of the API is refused") {
  kratix::test::TempDir t;
  kratix::test::write_text(t / "promise.yaml", kPromise);
  auto promise = run::PromiseModel::load(t.path());
  Json other = {{"apiVersion", "myorg.com/v2"}, {"kind", "Database"}, {"metadata", {{"name", "db1"}}}};
  CHECK_THROWS_WITH(run::make_context(promise, "resource", "configure", other, "obj.yaml", false),
                    doctest::Contains("not a request of this Promise's API (Database in myorg.com/v1alpha1)"));
  Json nameless = {{"apiVersion", "myorg.com/v1alpha1"}, {"kind", "Database"}, {"metadata", Json::object()}};
  CHECK_THROWS_WITH(run::make_context(promise, "resource", "configure", nameless, "obj.yaml", false),
                    doctest::Contains("no metadata.name"));
}

TEST_CASE("run contract: env comes from envFrom, then Kratix, then the container, with $(VAR) expanded") {
  auto c = container(R"Y(  - name: c
    image: i
    envFrom:
      - configMapRef: {name: settings}
      - prefix: S_
        secretRef: {name: creds}
    env:
      - name: GREETING
        value: "hello $(NAME) from $(KRATIX_OBJECT_NAME), $$(NAME) stays, $(MISSING) too"
      - name: NAME
        value: world
      - name: KRATIX_PROMISE_NAME
        value: overridden
      - name: PASSWORD
        valueFrom:
          secretKeyRef: {name: creds, key: password}
      - name: MAYBE
        valueFrom:
          configMapKeyRef: {name: absent, key: k, optional: true}
)Y");
  run::RefValues refs{{"configmap/settings", {{"NAME", "from-configmap"}, {"LEVEL", "1"}}},
                      {"secret/creds", {{"password", "s3cret"}}}};
  kratix::process::Env kratix{{"KRATIX_OBJECT_NAME", "db1"}, {"KRATIX_PROMISE_NAME", "pg"}};
  auto env = run::container_env(c, kratix, refs, {{"LEVEL", "from-flag"}});
  CHECK(env_value(env, "GREETING") == "hello from-configmap from db1, $(NAME) stays, $(MISSING) too");
  CHECK(env_value(env, "NAME") == "world");
  CHECK(env_value(env, "S_password") == "s3cret");
  CHECK(env_value(env, "PASSWORD") == "s3cret");
  CHECK(env_value(env, "KRATIX_PROMISE_NAME") == "overridden");
  CHECK(env_value(env, "LEVEL") == "from-flag");
  CHECK(env_value(env, "MAYBE") == "<unset>");
}

TEST_CASE("run contract: references that only exist in a cluster are refused with the fix") {
  auto from = container("  - name: c\n    image: i\n    envFrom:\n      - configMapRef: {name: settings}\n");
  CHECK_THROWS_WITH(run::container_env(from, {}, {}, {}), doctest::Contains("--env-file configmap/settings=FILE"));
  auto key = container(
      "  - name: c\n    image: i\n    env:\n      - name: P\n        valueFrom:\n          secretKeyRef: {name: s, "
      "key: "
      "k}\n");
  CHECK_THROWS_WITH(run::container_env(key, {}, {}, {}), doctest::Contains("--env-file secret/s=FILE"));
  CHECK_THROWS_WITH(run::container_env(key, {}, {{"secret/s", {{"other", "x"}}}}, {}),
                    doctest::Contains("which has no such key"));
  CHECK(env_value(run::container_env(key, {}, {}, {{"P", "given"}}), "P") == "given");
  auto field = container(
      "  - name: c\n    image: i\n    env:\n      - name: POD\n        valueFrom:\n          fieldRef: {fieldPath: "
      "metadata.name}\n");
  CHECK_THROWS_WITH(run::container_env(field, {}, {}, {}), doctest::Contains("valueFrom.fieldRef"));
}

TEST_CASE("run contract: the engine command mounts the three directories and maps command and args") {
  auto c = container(R"Y(  - name: c
    image: myorg/c:v1
    command: [/bin/sh, -c]
    args: ["echo $(WHO)"]
    securityContext: {runAsUser: 1000, runAsGroup: 2000, readOnlyRootFilesystem: true}
    volumeMounts:
      - {name: scratch, mountPath: /scratch}
)Y");
  run::ContainerRun r;
  r.engine = "docker";
  r.run_name = "kratix-test-1";
  r.image = c.image;
  r.spec = &c;
  r.mounts = {{"/w/input", "/kratix/input", true}, {"/w/output", "/kratix/output", false}};
  r.env = {{"WHO", "me"}};
  std::vector<std::string> want{"docker",
                                "run",
                                "--rm",
                                "--name",
                                "kratix-test-1",
                                "--network",
                                "none",
                                "--pull",
                                "missing",
                                "-v",
                                "/w/input:/kratix/input:ro",
                                "-v",
                                "/w/output:/kratix/output",
                                "--user",
                                "1000:2000",
                                "--read-only",
                                "-e",
                                "WHO=me",
                                "--entrypoint",
                                "/bin/sh",
                                "myorg/c:v1",
                                "-c",
                                "echo me"};
  CHECK(run::engine_argv(r) == want);
  auto args_only = container("  - name: c\n    image: i\n    args: [a, b]\n");
  r.spec = &args_only;
  r.image = "i";
  auto argv = run::engine_argv(r);
  CHECK(std::vector<std::string>(argv.end() - 3, argv.end()) == std::vector<std::string>{"i", "a", "b"});
  CHECK(std::find(argv.begin(), argv.end(), "--entrypoint") == argv.end());
}

TEST_CASE("run contract: --pull wins, else imagePullPolicy maps to the engine's words, else missing") {
  auto always = container("  - name: c\n    image: i\n    imagePullPolicy: Always\n");
  auto never = container("  - name: c\n    image: i\n    imagePullPolicy: Never\n");
  auto unset = container("  - name: c\n    image: i\n");
  CHECK(run::pull_policy("", always) == "always");
  CHECK(run::pull_policy("", never) == "never");
  CHECK(run::pull_policy("", unset) == "missing");
  CHECK(run::pull_policy("never", always) == "never");
}

TEST_CASE("run pipeline spec: what Kratix's strict decoding refuses is refused with the place") {
  CHECK(refused("  - name: c\n    image: i\n    workingDir: /src\n")
            .find("workflow.yaml:13:5: unknown field 'workingDir'") != std::string::npos);
  CHECK(refused("  - name: c\n").find("needs an image") != std::string::npos);
  CHECK(refused("  - name: c\n    image: i\n    imagePullPolicy: Sometimes\n").find("Always, IfNotPresent or Never") !=
        std::string::npos);
  CHECK(refused("  - name: c\n    image: i\n    volumeMounts:\n      - {name: cm, mountPath: /cm}\n")
            .find("kratix test runs emptyDir volumes only") != std::string::npos);
  CHECK(refused("  - name: c\n    image: i\n    volumeMounts:\n      - {name: nope, mountPath: /x}\n")
            .find("does not declare in spec.volumes") != std::string::npos);
  CHECK(refused("  - name: c\n    image: i\n    volumeMounts:\n      - {name: scratch, mountPath: /kratix/output}\n")
            .find("where Kratix mounts its own volumes") != std::string::npos);
  CHECK_THROWS_WITH(run::parse_pipeline(YAML::Load("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"), "w.yaml"),
                    doctest::Contains("unsupported pipeline"));
}
