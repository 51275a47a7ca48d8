#include "validate/promise_schema.hpp"

namespace kratix::validate {

namespace {

// Written for kratix from the Kratix API facts (SPEC.md, Part 3) and the shape
// Kratix decodes a pipeline into, rejecting unknown fields (its Pipeline,
// PipelineSpec and Container types, with Kubernetes' EnvVar, VolumeMount,
// ResourceRequirements...). Anchors keep the two lifecycles' lists identical.
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
      api: {type: object, required: [apiVersion, kind], x-kubernetes-preserve-unknown-fields: true}
      dependencies:
        type: array
        items: {type: object, x-kubernetes-preserve-unknown-fields: true}
      destinationSelectors:
        type: array
        items:
          type: object
          properties:
            matchLabels: {type: object, additionalProperties: {type: string}}
      requiredPromises:
        type: array
        items:
          type: object
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
                items: &pipeline
                  type: object
                  required: [apiVersion, kind, metadata, spec]
                  properties:
                    apiVersion: {type: string, enum: [platform.kratix.io/v1alpha1]}
                    kind: {type: string, enum: [Pipeline]}
                    metadata: &objectmeta
                      type: object
                      required: [name]
                      properties:
                        name: {type: string}
                        generateName: {type: string}
                        namespace: {type: string}
                        labels: {type: object, additionalProperties: {type: string}}
                        annotations: {type: object, additionalProperties: {type: string}}
                        uid: {type: string}
                        resourceVersion: {type: string}
                        generation: {type: integer}
                        creationTimestamp: {type: string, nullable: true}
                        deletionTimestamp: {type: string, nullable: true}
                        deletionGracePeriodSeconds: {type: integer}
                        ownerReferences: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                        finalizers: {type: array, items: {type: string}}
                        managedFields: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                        selfLink: {type: string}
                    spec:
                      type: object
                      properties:
                        containers:
                          type: array
                          items:
                            type: object
                            properties:
                              name: {type: string}
                              image: {type: string}
                              args: {type: array, items: {type: string}}
                              command: {type: array, items: {type: string}}
                              env:
                                type: array
                                items:
                                  type: object
                                  properties:
                                    name: {type: string}
                                    value: {type: string}
                                    valueFrom: {type: object, x-kubernetes-preserve-unknown-fields: true}
                              envFrom:
                                type: array
                                items:
                                  type: object
                                  properties:
                                    prefix: {type: string}
                                    configMapRef: &ref
                                      type: object
                                      properties:
                                        name: {type: string}
                                        optional: {type: boolean}
                                    secretRef: *ref
                              volumeMounts:
                                type: array
                                items:
                                  type: object
                                  properties:
                                    name: {type: string}
                                    mountPath: {type: string}
                                    readOnly: {type: boolean}
                                    recursiveReadOnly: {type: string}
                                    subPath: {type: string}
                                    subPathExpr: {type: string}
                                    mountPropagation: {type: string}
                              imagePullPolicy: {type: string, enum: [Always, IfNotPresent, Never]}
                              securityContext: {type: object, x-kubernetes-preserve-unknown-fields: true}
                              resources:
                                type: object
                                properties:
                                  limits: &quantities {type: object, additionalProperties: {x-kubernetes-int-or-string: true}}
                                  requests: *quantities
                                  claims:
                                    type: array
                                    items:
                                      type: object
                                      properties:
                                        name: {type: string}
                                        request: {type: string}
                        volumes:
                          type: array
                          items:
                            type: object
                            required: [name]
                            x-kubernetes-preserve-unknown-fields: true
                            properties:
                              name: {type: string}
                        rbac:
                          type: object
                          properties:
                            serviceAccount: {type: string}
                            permissions:
                              type: array
                              items:
                                type: object
                                properties:
                                  resourceNamespace: {type: string}
                                  apiGroups: &strings {type: array, items: {type: string}}
                                  resources: *strings
                                  verbs: *strings
                                  resourceNames: *strings
                                  nonResourceURLs: *strings
                        imagePullSecrets:
                          type: array
                          items:
                            type: object
                            properties:
                              name: {type: string}
                        jobOptions:
                          type: object
                          properties:
                            backoffLimit: {type: integer, format: int32}
                        restartPolicy: {type: string, enum: [OnFailure, Never]}
                        nodeSelector: {type: object, additionalProperties: {type: string}}
                        tolerations:
                          type: array
                          items:
                            type: object
                            properties:
                              key: {type: string}
                              operator: {type: string}
                              value: {type: string}
                              effect: {type: string}
                              tolerationSeconds: {type: integer}
              delete: *pipelines
          resource: *lifecycle
)";

}  // namespace

const YAML::Node& promise_schema() {
  static const YAML::Node schema = YAML::Load(kPromiseSchema);
  return schema;
}

}  // namespace kratix::validate
