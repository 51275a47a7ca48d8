"""Helpers shared by the kratix test suites (test_kratix_test*.py)."""
import yaml


def pipeline(name, *containers, **spec):
    """A Pipeline; each container a dict, or a (name, image) pair."""
    return {"apiVersion": "platform.kratix.io/v1alpha1", "kind": "Pipeline", "metadata": {"name": name},
            "spec": {"containers": [c if isinstance(c, dict) else {"name": c[0], "image": c[1]} for c in containers],
                     **spec}}


def set_workflows(promise_file, workflows, **spec):
    """Replaces spec.workflows of a flat Promise (and sets other spec fields)."""
    with open(promise_file) as fh:
        promise = yaml.safe_load(fh)
    promise["spec"]["workflows"] = workflows
    promise["spec"].update(spec)
    with open(promise_file, "w") as fh:
        yaml.safe_dump(promise, fh)
