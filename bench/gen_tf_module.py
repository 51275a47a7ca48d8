#!/usr/bin/env python3
"""Writes a Terraform module of N variables (default 150) of every type form,
with descriptions, defaults, validations and nested objects, as large real
modules have them (terraform-aws-vpc has ~230), plus a main.tf and outputs.tf.

    bench/gen_tf_module.py DIR [N]
"""
import os
import sys

TYPES = [
    ("string", '"value-{i}"'),
    ("number", "{i}"),
    ("bool", "true"),
    ("list(string)", '["a-{i}", "b-{i}"]'),
    ("set(string)", '["x", "y"]'),
    ("map(string)", '{{ team = "platform", index = "{i}" }}'),
    ("map(number)", "{{}}"),
    ("tuple([string, number])", '["t", {i}]'),
    ("any", "null"),
    ("object({{ name = string, size = optional(number, 20), tags = optional(map(string), {{}}) }})", None),
    ("list(object({{ port = number, protocol = optional(string, \"tcp\") }}))", "[{{ port = {i} }}]"),
    ("map(list(object({{ id = string, weight = optional(number) }})))", "{{}}"),
]


def module(n):
    out = []
    for i in range(n):
        type_expr, default = TYPES[i % len(TYPES)]
        block = [f'variable "var_{i:03d}" {{',
                 f'  description = "Variable {i} of the benchmark module: controls part {i} of the thing it makes."',
                 f"  type        = {type_expr.format(i=i)}"]
        if default is not None:
            block.append(f"  default     = {default.format(i=i)}")
        if i % 10 == 0 and type_expr == "string":
            block += ["", "  validation {", f'    condition     = length(var.var_{i:03d}) > 2',
                      '    error_message = "Too short."', "  }"]
        if i % 7 == 0:
            block.append("  sensitive   = true")
        block.append("}\n")
        out.append("\n".join(block))
    return "\n".join(out)


def main():
    directory = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "variables.tf"), "w") as fh:
        fh.write(module(n))
    with open(os.path.join(directory, "main.tf"), "w") as fh:
        fh.write('locals {\n  names = [for k, v in var.var_005 : "${k}-${v}"]\n}\n\n'
                 'resource "null_resource" "this" {\n  count = var.var_002 ? 1 : 0\n'
                 '  triggers = { name = var.var_000, size = tostring(var.var_001) }\n}\n')
    with open(os.path.join(directory, "outputs.tf"), "w") as fh:
        fh.write('output "id" {\n  value = null_resource.this[*].id\n}\n')
    with open(os.path.join(directory, "versions.tf"), "w") as fh:
        fh.write('terraform {\n  required_providers {\n    null = { source = "hashicorp/null" }\n  }\n}\n')


if __name__ == "__main__":
    main()
