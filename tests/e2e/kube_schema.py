"""An independent check, written for the tests, of what the Kubernetes API
server would say about a document against a CRD schema: JSON Schema validation
(python3-jsonschema) plus the unknown fields that pruning would drop, and the
main structural-schema rules. The tests use it as an oracle for kratix's output."""
import jsonschema


def unknown_fields(value, schema, path="", out=None, preserved=False):
    """Fields the API server's pruning would drop. As in Kubernetes, a node with
    x-kubernetes-preserve-unknown-fields keeps unknown fields and passes that on
    to its array items; the root's (and embedded resources') metadata is ObjectMeta."""
    out = [] if out is None else out
    if not isinstance(schema, dict):
        return out
    preserve = preserved or schema.get("x-kubernetes-preserve-unknown-fields") is True
    if isinstance(value, dict):
        props = schema.get("properties")
        addl = schema.get("additionalProperties")
        is_resource = path == "" or schema.get("x-kubernetes-embedded-resource") is True
        for key, sub in value.items():
            child = f"{path}.{key}" if path else key
            if is_resource and key in ("metadata", "apiVersion", "kind"):
                continue
            if props is not None and key in props:
                unknown_fields(sub, props[key], child, out)
            elif isinstance(addl, dict):
                unknown_fields(sub, addl, child, out)
            elif not preserve and addl is not True:
                out.append(child)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            unknown_fields(item, schema["items"], f"{path}[{i}]", out, preserve)
    return out


def problems_against_crd(document, crd):
    """Every problem of document against the storage version of crd."""
    version = next(v for v in crd["spec"]["versions"] if v.get("storage"))
    if "status" in (version.get("subresources") or {}):
        # With a status subresource the API server ignores status on create.
        document = {k: v for k, v in document.items() if k != "status"}
    schema = version["schema"]["openAPIV3Schema"]
    validator = jsonschema.Draft4Validator(schema)
    problems = [f"{'.'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    problems += [f"{f}: unknown field (the API server would prune it)" for f in unknown_fields(document, schema)]
    return problems


def structural_problems(schema, path="openAPIV3Schema", root=True, under_preserve=False):
    """The structural-schema rules that matter for generated APIs."""
    out = []
    if not isinstance(schema, dict):
        return [f"{path}: not a schema object"]
    int_or_string = schema.get("x-kubernetes-int-or-string") is True
    preserve = schema.get("x-kubernetes-preserve-unknown-fields") is True
    if not schema.get("type") and not int_or_string and not (preserve or under_preserve):
        out.append(f"{path}: no type")
    if root and schema.get("type") != "object":
        out.append(f"{path}: the root must be of type object")
    if "properties" in schema and "additionalProperties" in schema:
        out.append(f"{path}: properties and additionalProperties together")
    if schema.get("type") == "array" and not isinstance(schema.get("items"), dict):
        out.append(f"{path}: an array needs one items schema")
    for forbidden in ("$ref", "definitions", "patternProperties", "dependencies", "additionalItems"):
        if forbidden in schema:
            out.append(f"{path}: {forbidden} is not allowed")
    for key, sub in (schema.get("properties") or {}).items():
        out += structural_problems(sub, f"{path}.properties.{key}", False, preserve or under_preserve)
    if isinstance(schema.get("items"), dict):
        out += structural_problems(schema["items"], f"{path}.items", False, preserve or under_preserve)
    if isinstance(schema.get("additionalProperties"), dict):
        out += structural_problems(schema["additionalProperties"], f"{path}.additionalProperties", False,
                                   preserve or under_preserve)
    return out


def described_properties(schema):
    """(properties, properties with a description) in a schema, nested ones
    and those of list items included."""
    total = described = 0
    for child in (schema.get("properties") or {}).values():
        total += 1
        described += "description" in child
        for sub in (child, child.get("items")):
            if isinstance(sub, dict):
                t, d = described_properties(sub)
                total, described = total + t, described + d
    return total, described
