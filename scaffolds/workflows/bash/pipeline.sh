#!/usr/bin/env bash
# The {{ container }} step of the {{ pipeline }} pipeline ({{ lifecycle }}/{{ action }}).
#
# Kratix mounts:
#   /kratix/input/object.yaml  the {{ object }} this workflow runs for
#   /kratix/output/            files to schedule to destinations
#   /kratix/metadata/          destination-selectors.yaml, status.yaml (optional)
# Files you put in resources/ beside this script are at /resources in the image.
set -euo pipefail

name=$(yq '.metadata.name' /kratix/input/object.yaml)
namespace=$(yq '.metadata.namespace // "default"' /kratix/input/object.yaml)

echo "{{ pipeline }}/{{ container }}: handling ${name} in ${namespace}"

# Write what should be deployed, for example:
# yq ".metadata.name = \"${name}\"" /resources/deployment.yaml > /kratix/output/deployment.yaml
