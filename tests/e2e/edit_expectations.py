"""What each edit of the corpus test should do to a Promise, as data.

A Promise directory's state is {file: [documents]} as one YAML reader read it
(PyYAML, or yaml-cpp through kratix_yaml_json); each function here changes a
copy of it the way the command should, so that the test can compare with what
the same reader reads from the command's result."""
import copy

IMAGE = "ghcr.io/kratix-test/corpus:v1"
IMAGE_NAME = "ghcr-io-kratix-test-corpus"
LABEL = "kratix-test"
PROPERTY = "kratixTest"


def promise_doc(state):
    for doc in state.get("promise.yaml", []):
        if isinstance(doc, dict) and doc.get("kind") == "Promise":
            return doc
    raise LookupError("no Promise document")


def spec_of(state):
    """The Promise's spec (created, as the commands create it, when missing)."""
    doc = promise_doc(state)
    if doc.get("spec") is None:
        doc["spec"] = {}
    return doc["spec"]


def crd_of(state):
    if "api.yaml" in state:
        return state["api.yaml"][0]
    return spec_of(state)["api"]


def storage_version(crd):
    versions = crd["spec"]["versions"]
    for v in versions:
        if v.get("storage") is True:
            return v
    return versions[0]


def _type_node(type_):
    node = {"type": type_}
    if type_ == "object":
        node["x-kubernetes-preserve-unknown-fields"] = True
    return node


def _chain(names, type_):
    leaf = _type_node(type_)
    for name in reversed(names):
        leaf = {"type": "object", "properties": {name: leaf}}
    return leaf


def add_property(names, type_):
    """update api -p a.b:TYPE for names that are not in the schema yet."""

    def change(state):
        version = storage_version(crd_of(state))
        schema = version.get("schema")
        root = schema.get("openAPIV3Schema") if isinstance(schema, dict) else None
        if root is None:
            version.setdefault("schema", {})["openAPIV3Schema"] = {"type": "object", "properties": {"spec": _chain(names, type_)}}
            return
        if root.get("properties") is None:
            root["properties"] = {}
        spec = root["properties"].get("spec")
        if spec is None:
            root["properties"]["spec"] = _chain(names, type_)
            return
        if spec.get("properties") is None:
            spec["properties"] = {}
        spec["properties"][names[0]] = _chain(names[1:], type_) if len(names) > 1 else _type_node(type_)
    return change


def remove_property(name):
    def change(state):
        spec = storage_version(crd_of(state))["schema"]["openAPIV3Schema"]["properties"]["spec"]
        spec["properties"].pop(name, None)
        if isinstance(spec.get("required"), list) and name in spec["required"]:
            spec["required"].remove(name)
            if not spec["required"]:
                del spec["required"]
    return change


def rename_kind(kind):
    def change(state):
        crd = crd_of(state)
        names = crd["spec"]["names"]
        names["kind"] = kind
        if "singular" in names:
            names["singular"] = kind.lower()
        if "listKind" in names:
            names["listKind"] = kind + "List"
        props = storage_version(crd)["schema"]["openAPIV3Schema"].get("properties") or {}
        if isinstance(props.get("kind"), dict) and "enum" in props["kind"]:
            props["kind"]["enum"] = [kind]
        if "example-resource.yaml" in state:
            state["example-resource.yaml"][0]["kind"] = kind
    return change


def regroup(group):
    def change(state):
        crd = crd_of(state)
        version = storage_version(crd)
        crd["spec"]["group"] = group
        crd.setdefault("metadata", {})["name"] = crd["spec"]["names"]["plural"] + "." + group
        props = version["schema"]["openAPIV3Schema"].get("properties") or {}
        if isinstance(props.get("apiVersion"), dict) and "enum" in props["apiVersion"]:
            props["apiVersion"]["enum"] = [group + "/" + version["name"]]
        if "example-resource.yaml" in state:
            state["example-resource.yaml"][0]["apiVersion"] = group + "/" + version["name"]
    return change


def original_group(state):
    try:
        return crd_of(state)["spec"]["group"]
    except (LookupError, TypeError):
        return None


def original_kind(state):
    try:
        return crd_of(state)["spec"]["names"]["kind"]
    except (LookupError, TypeError):
        return None


def set_label(state):
    spec = spec_of(state)
    selectors = spec.get("destinationSelectors")
    if not isinstance(selectors, list) or not selectors:
        spec["destinationSelectors"] = [{"matchLabels": {LABEL: "yes"}}]
        return
    if selectors[0].get("matchLabels") is None:
        selectors[0]["matchLabels"] = {}
    selectors[0]["matchLabels"][LABEL] = "yes"


def remove_label(state):
    spec = spec_of(state)
    selectors = spec["destinationSelectors"]
    labels = selectors[0]["matchLabels"]
    del labels[LABEL]
    if len(selectors) == 1 and not labels:
        del selectors[0]["matchLabels"]
        if not selectors[0]:
            del selectors[0]
            if not selectors:
                del spec["destinationSelectors"]


def require(state):
    spec = spec_of(state)
    required = spec.get("requiredPromises")
    if not isinstance(required, list):
        required = spec["requiredPromises"] = []
    required.append({"name": LABEL, "version": "v1.0.0"})


def unrequire(state):
    spec = spec_of(state)
    spec["requiredPromises"] = [r for r in spec["requiredPromises"] if r.get("name") != LABEL]
    if not spec["requiredPromises"]:
        del spec["requiredPromises"]


def _workflow(state, lifecycle, action, create):
    path = f"workflows/{lifecycle}/{action}/workflow.yaml"
    if "api.yaml" in state:
        if path not in state:
            if not create:
                return None
            state[path] = [[]]
        if state[path][0] is None:
            state[path][0] = []
        return state[path][0]
    workflows = spec_of(state) if create else promise_doc(state).get("spec") or {}
    for key in ("workflows", lifecycle):
        if workflows.get(key) is None:
            if not create:
                return None
            workflows[key] = {}
        workflows = workflows[key]
    if workflows.get(action) is None:
        if not create:
            return None
        workflows[action] = []
    return workflows[action]


def first_pipeline(state):
    """The name of the first resource configure pipeline, when there is one."""
    try:
        pipelines = _workflow(copy.deepcopy(state), "resource", "configure", False)
    except (LookupError, TypeError, AttributeError):
        return None
    if pipelines and isinstance(pipelines, list) and isinstance(pipelines[0], dict):
        return (pipelines[0].get("metadata") or {}).get("name")
    return None


def add_pipeline(state):
    _workflow(state, "resource", "configure", True).append({
        "apiVersion": "platform.kratix.io/v1alpha1", "kind": "Pipeline", "metadata": {"name": LABEL},
        "spec": {"containers": [{"name": IMAGE_NAME, "image": IMAGE}]}})


def remove_pipeline(state):
    pipelines = _workflow(state, "resource", "configure", False)
    pipelines[:] = [p for p in pipelines if (p.get("metadata") or {}).get("name") != LABEL]


def _pipeline_named(state, name):
    found = None
    for p in _workflow(state, "resource", "configure", False):
        if (p.get("metadata") or {}).get("name") == name:
            found = p
    return found


def add_container(pipeline):
    def change(state):
        p = _pipeline_named(state, pipeline)
        if p.get("spec") is None:
            p["spec"] = {}
        spec = p["spec"]
        if spec.get("containers") is None:
            spec["containers"] = []
        spec["containers"].append({"name": LABEL, "image": IMAGE})
    return change


def remove_container(pipeline):
    def change(state):
        p = _pipeline_named(state, pipeline)
        p["spec"]["containers"] = [c for c in p["spec"]["containers"] if c.get("name") != LABEL]
    return change


def set_dependencies(manifests):
    def change(state):
        deps = copy.deepcopy(manifests)
        if "api.yaml" in state:
            state["dependencies.yaml"] = [deps]
        else:
            spec_of(state)["dependencies"] = deps
    return change


def built(state, name):
    """The Promise that build promise assembles from a split state."""
    spec = {"api": state["api.yaml"][0]}
    deps = (state.get("dependencies.yaml") or [None])[0]
    if deps:
        spec["dependencies"] = deps
    workflows = {}
    for lifecycle in ("promise", "resource"):
        for action in ("configure", "delete"):
            pipelines = (state.get(f"workflows/{lifecycle}/{action}/workflow.yaml") or [None])[0]
            if pipelines:
                workflows.setdefault(lifecycle, {})[action] = pipelines
    if workflows:
        spec["workflows"] = workflows
    return {"apiVersion": "platform.kratix.io/v1alpha1", "kind": "Promise", "metadata": {"name": name}, "spec": spec}
