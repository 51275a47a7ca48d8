#include "validate/promise_schema.hpp"

namespace kratix::validate {

namespace {

// Written for kratix from the Kratix API facts (SPEC.md, Part 3). Anchors keep
// the two lifecycles' pipeline lists identical.
constexpr const char* kPromiseSchema = R"(
type: object
required: [apiVersion, kind, metadata]
properties:
  apiVersion: {type: string, enum: [platform.kratix.io/v1alpha1]}
  kind: {type: string, enum: [Promise]}
  metadata:
    type: object
    required: [name]
    x-kubernetes-preserve-unknown-fields: true
    properties:
      name: {type: string}
      labels: {type: object, additionalProperties: {type: string}}
      annotations: {type: object, additionalProperties: {type: string}}
  status: {type: object, x-kubernetes-preserve-unknown-fields: true}
  spec:
    type: object
    properties:
      api: {type: object, x-kubernetes-preserve-unknown-fields: true}
      dependencies:
        type: array
        items: {type: object, x-kubernetes-preserve-unknown-fields: true}
      destinationSelectors:
        type: array
        items:
          type: object
          properties:
            matchLabels: {type: object, additionalProperties: {type: string}}
            matchExpressions:
              type: array
              items: {type: object, x-kubernetes-preserve-unknown-fields: true}
      requiredPromises:
        type: array
        items:
          type: object
          required: [name, version]
          properties:
            name: {type: string}
            version: {type: string}
      workflows:
        type: object
        properties:
          config:
            type: object
            properties:
              pipelineNamespace: {type: string}
              reconciliationInterval: {type: string}
          promise: &lifecycle
            type: object
            properties:
              configure: &pipelines
                type: array
                items:
                  type: object
                  required: [apiVersion, kind, metadata, spec]
                  properties:
                    apiVersion: {type: string, enum: [platform.kratix.io/v1alpha1]}
                    kind: {type: string, enum: [Pipeline]}
                    metadata:
                      type: object
                      required: [name]
                      x-kubernetes-preserve-unknown-fields: true
                      properties:
                        name: {type: string}
                        labels: {type: object, additionalProperties: {type: string}}
                        annotations: {type: object, additionalProperties: {type: string}}
                    spec:
                      type: object
                      properties:
                        containers:
                          type: array
                          items:
                            type: object
                            x-kubernetes-preserve-unknown-fields: true
                            properties:
                              name: {type: string}
                              image: {type: string}
                              args: {type: array, items: {type: string}}
                              command: {type: array, items: {type: string}}
                              env: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                              envFrom: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                              volumeMounts: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                              imagePullPolicy: {type: string, enum: [Always, IfNotPresent, Never]}
                              securityContext: {type: object, x-kubernetes-preserve-unknown-fields: true}
                              resources: {type: object, x-kubernetes-preserve-unknown-fields: true}
                        volumes: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                        rbac:
                          type: object
                          properties:
                            serviceAccount: {type: string}
                            permissions: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                        imagePullSecrets: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                        jobOptions:
                          type: object
                          x-kubernetes-preserve-unknown-fields: true
                          properties:
                            backoffLimit: {type: integer}
                        nodeSelector: {type: object, additionalProperties: {type: string}}
                        tolerations: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
              delete: *pipelines
          resource: *lifecycle
)";

}  // namespace

const YAML::Node& promise_schema() {
  static const YAML::Node schema = YAML::Load(kPromiseSchema);
  return schema;
}

}  // namespace kratix::validate
