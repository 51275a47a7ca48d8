package verdict

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
)

// The Kratix side. The Go module proxy serves github.com/syntasso/kratix only
// up to v0.125.0 (2024), which predates every rule below and does not build
// against Kubernetes 1.36, so these are Kratix's current admission rules
// (syntasso/kratix ae170e2: internal/webhook/v1alpha1/promise_webhook.go and
// api/v1alpha1), stated again here over Kubernetes' own code. Each rule names
// the Kratix function it stands for. The Promise itself is checked against
// Kratix's real, generated Promise CRD (../shared/kratix-api).

const (
	minReconciliationInterval        = time.Minute                         // api/v1alpha1 MinReconciliationInterval
	reconciliationIntervalAnnotation = "kratix.io/reconciliation-interval" // api/v1alpha1 ReconciliationIntervalAnnotation
	maxPipelineIDLength              = 60                                  // validatePipelines
	maxResourceNameLength            = 63                                  // api/v1alpha1 MaxResourceNameLength
	systemNamespace                  = "kratix-platform-system"
)

// The shape the webhook decodes a Promise into (api/v1alpha1 PromiseSpec).
type promise struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              struct {
		API       json.RawMessage `json:"api,omitempty"`
		Workflows struct {
			Config struct {
				PipelineNamespace      string           `json:"pipelineNamespace,omitempty"`
				ReconciliationInterval *metav1.Duration `json:"reconciliationInterval,omitempty"`
			} `json:"config,omitempty"`
			Resource triggers `json:"resource,omitempty"`
			Promise  triggers `json:"promise,omitempty"`
		} `json:"workflows,omitempty"`
		RequiredPromises []struct {
			Name    string `json:"name,omitempty"`
			Version string `json:"version,omitempty"`
		} `json:"requiredPromises,omitempty"`
		Dependencies         []map[string]interface{} `json:"dependencies,omitempty"`
		DestinationSelectors []struct {
			MatchLabels map[string]string `json:"matchLabels,omitempty"`
		} `json:"destinationSelectors,omitempty"`
	} `json:"spec,omitempty"`
}

type triggers struct {
	Configure []map[string]interface{} `json:"configure,omitempty"`
	Delete    []map[string]interface{} `json:"delete,omitempty"`
}

// The shape PipelinesFromUnstructured decodes a pipeline into, with
// DisallowUnknownFields (api/v1alpha1 Pipeline, PipelineSpec, Container).
type pipeline struct {
	Kind              string `json:"kind,omitempty"`
	APIVersion        string `json:"apiVersion,omitempty"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              struct {
		Containers       []container                   `json:"containers,omitempty"`
		ImagePullSecrets []corev1.LocalObjectReference `json:"imagePullSecrets,omitempty"`
		JobOptions       struct {
			BackoffLimit *int32 `json:"backoffLimit,omitempty"`
		} `json:"jobOptions,omitempty"`
		NodeSelector map[string]string `json:"nodeSelector,omitempty"`
		RBAC         struct {
			ServiceAccount string `json:"serviceAccount,omitempty"`
			Permissions    []struct {
				ResourceNamespace string `json:"resourceNamespace,omitempty"`
				rbacv1.PolicyRule `json:",inline"`
			} `json:"permissions,omitempty"`
		} `json:"rbac,omitempty"`
		RestartPolicy corev1.RestartPolicy `json:"restartPolicy,omitempty"`
		Tolerations   []corev1.Toleration  `json:"tolerations,omitempty"`
		Volumes       []corev1.Volume      `json:"volumes,omitempty"`
	} `json:"spec,omitempty"`
}

type container struct {
	Name            string                       `json:"name,omitempty"`
	Image           string                       `json:"image,omitempty"`
	Args            []string                     `json:"args,omitempty"`
	Command         []string                     `json:"command,omitempty"`
	Env             []corev1.EnvVar              `json:"env,omitempty"`
	EnvFrom         []corev1.EnvFromSource       `json:"envFrom,omitempty"`
	VolumeMounts    []corev1.VolumeMount         `json:"volumeMounts,omitempty"`
	ImagePullPolicy corev1.PullPolicy            `json:"imagePullPolicy,omitempty"`
	SecurityContext *corev1.SecurityContext      `json:"securityContext,omitempty"`
	Resources       *corev1.ResourceRequirements `json:"resources,omitempty"`
}

// Verdict is the oracle's answer for one Promise.
type Verdict struct {
	Accepted  bool              `json:"accepted"`
	Problems  []Problem         `json:"problems"`
	Warnings  []string          `json:"warnings"`
	CELRules  int               `json:"celRules"` // compiled with the API; evaluated against every request
	Resources []ResourceVerdict `json:"resources"`
}

// ResourceVerdict is the answer for one request of the Promise's API.
type ResourceVerdict struct {
	Name     string    `json:"name"`
	Accepted bool      `json:"accepted"`
	Problems []Problem `json:"problems"`
}

// JudgePromise says whether `kubectl create` of the Promise would succeed on a
// platform running Kratix (the API server with Kratix's Promise CRD, then
// Kratix's validating webhook), and whether each request would then be
// accepted by the Promise's API.
func JudgePromise(object map[string]interface{}, promiseCRD *CRD, requests []map[string]interface{}) Verdict {
	v := Verdict{Problems: []Problem{}, Warnings: []string{}, Resources: []ResourceVerdict{}}
	stored, problems := promiseCRD.CreateObject(object)
	for i := range problems {
		problems[i].Stage = "promise"
	}
	v.Problems = append(v.Problems, problems...)
	if stored == nil {
		stored = object
	}
	api, webhook := admit(stored, &v)
	v.Problems = append(v.Problems, webhook...)
	v.Accepted = len(v.Problems) == 0
	for i, r := range requests {
		rv := ResourceVerdict{Name: fmt.Sprintf("request %d", i), Problems: []Problem{}}
		if name, ok := nested(r, "metadata", "name").(string); ok {
			rv.Name = name
		}
		if api == nil {
			rv.Problems = append(rv.Problems, Problem{Stage: "resource", Message: "the Promise has no API that was accepted"})
		} else {
			rv.Problems = append(rv.Problems, api.Create(r)...)
		}
		rv.Accepted = len(rv.Problems) == 0
		v.Resources = append(v.Resources, rv)
	}
	return v
}

// admit stands for PromiseCustomValidator.ValidateCreate.
func admit(object map[string]interface{}, v *Verdict) (*CRD, []Problem) {
	raw, err := json.Marshal(object)
	if err != nil {
		return nil, []Problem{{Stage: "webhook", Message: err.Error()}}
	}
	var p promise
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, []Problem{{Stage: "webhook", Message: "the webhook cannot decode the Promise: " + err.Error()}}
	}
	var out []Problem
	// validateReconciliationIntervalAnnotation
	if value, ok := p.Annotations[reconciliationIntervalAnnotation]; ok {
		d, err := time.ParseDuration(value)
		if err != nil {
			out = append(out, Problem{Stage: "webhook", Path: "metadata.annotations", Message: fmt.Sprintf("%s: %q must be a valid duration", reconciliationIntervalAnnotation, value)})
		} else if d < minReconciliationInterval {
			out = append(out, Problem{Stage: "webhook", Path: "metadata.annotations", Message: fmt.Sprintf("%s: %q must be at least %s", reconciliationIntervalAnnotation, value, minReconciliationInterval)})
		}
	}
	// validateCRD
	api, crdProblems := promiseAPI(p.Spec.API)
	out = append(out, crdProblems...)
	if api != nil {
		v.CELRules = api.CELRules()
	}
	// validatePipelines
	out = append(out, pipelines(&p, api)...)
	// validateReconciliationInterval
	if d := p.Spec.Workflows.Config.ReconciliationInterval; d != nil && d.Duration < minReconciliationInterval {
		out = append(out, Problem{Stage: "webhook", Path: "spec.workflows.config.reconciliationInterval", Message: fmt.Sprintf("%q must be at least %s", d.Duration, minReconciliationInterval)})
	}
	// validateRequiredPromisesAreAvailable: on a platform without them, warnings.
	for _, r := range p.Spec.RequiredPromises {
		v.Warnings = append(v.Warnings, fmt.Sprintf("Required Promise %q at version %q not installed", r.Name, r.Version))
	}
	return api, out
}

// promiseAPI stands for Promise.GetAPI and the dry-run create of its CRD.
func promiseAPI(raw json.RawMessage) (*CRD, []Problem) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("{}")) || bytes.Equal(trimmed, []byte("null")) {
		return nil, nil // DoesNotContainAPI: a Promise without an API
	}
	crd, err := DecodeCRD(raw)
	if err != nil {
		return nil, []Problem{{Stage: "crd", Path: "spec.api", Message: "api is not a valid CRD: " + err.Error()}}
	}
	if len(crd.Spec.Versions) == 0 {
		// GetAPI indexes Versions[0]: the webhook fails.
		return nil, []Problem{{Stage: "crd", Path: "spec.api.spec.versions", Message: "the API has no versions"}}
	}
	stored := &crd.Spec.Versions[0]
	for i := range crd.Spec.Versions {
		if crd.Spec.Versions[i].Storage {
			stored = &crd.Spec.Versions[i]
			break
		}
	}
	if stored.Schema != nil && stored.Schema.OpenAPIV3Schema != nil {
		ensureMetadataSchema(stored.Schema.OpenAPIV3Schema)
	}
	served, problems := CreateCRD(crd)
	for i := range problems {
		problems[i].Path = "spec.api." + problems[i].Path
	}
	if len(problems) == 0 && crd.Spec.Scope != apiextensionsv1.NamespaceScoped {
		problems = append(problems, Problem{Stage: "webhook", Path: "spec.api.spec.scope", Message: "promise api needs to be namespace scoped"})
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return served, nil
}

// ensureMetadataSchema: Kratix limits request names to 63 characters.
func ensureMetadataSchema(s *apiextensionsv1.JSONSchemaProps) {
	if s.Properties == nil {
		s.Properties = map[string]apiextensionsv1.JSONSchemaProps{}
	}
	meta, found := s.Properties["metadata"]
	if !found {
		meta = apiextensionsv1.JSONSchemaProps{Type: "object", Properties: map[string]apiextensionsv1.JSONSchemaProps{}}
	}
	if meta.Properties == nil {
		meta.Properties = map[string]apiextensionsv1.JSONSchemaProps{}
	}
	name := meta.Properties["name"]
	if name.Type == "" {
		name = apiextensionsv1.JSONSchemaProps{Type: "string"}
	}
	limit := int64(maxResourceNameLength)
	name.MaxLength = &limit
	meta.Properties["name"] = name
	s.Properties["metadata"] = meta
}

// pipelines stands for validatePipelines.
func pipelines(p *promise, api *CRD) []Problem {
	var out []Problem
	lists := []struct {
		lifecycle, action string
		items             []map[string]interface{}
	}{
		{"promise", "configure", p.Spec.Workflows.Promise.Configure},
		{"promise", "delete", p.Spec.Workflows.Promise.Delete},
		{"resource", "configure", p.Spec.Workflows.Resource.Configure},
		{"resource", "delete", p.Spec.Workflows.Resource.Delete},
	}
	for _, l := range lists {
		at := fmt.Sprintf("spec.workflows.%s.%s", l.lifecycle, l.action)
		decoded := make([]pipeline, 0, len(l.items))
		failed := false
		for i, item := range l.items {
			kind, _ := item["kind"].(string)
			apiVersion, _ := item["apiVersion"].(string)
			if kind != "Pipeline" || apiVersion != "platform.kratix.io/v1alpha1" {
				out = append(out, Problem{Stage: "webhook", Path: fmt.Sprintf("%s[%d]", at, i), Message: fmt.Sprintf("unsupported pipeline with APIVersion \"%s/%s\"", kind, apiVersion)})
				failed = true
				break
			}
			raw, _ := json.Marshal(item)
			decoder := json.NewDecoder(bytes.NewReader(raw))
			decoder.DisallowUnknownFields()
			var pl pipeline
			if err := decoder.Decode(&pl); err != nil {
				out = append(out, Problem{Stage: "webhook", Path: fmt.Sprintf("%s[%d]", at, i), Message: "failed unmarshalling pipeline: " + err.Error()})
				failed = true
				break
			}
			decoded = append(decoded, pl)
		}
		if failed {
			continue // NewPipelinesMap fails as a whole
		}
		names := map[string]bool{}
		for i := range decoded {
			pl := &decoded[i]
			path := fmt.Sprintf("%s[%d]", at, i)
			for key, value := range pl.Labels {
				if errs := validation.IsValidLabelValue(value); len(errs) > 0 {
					out = append(out, Problem{Stage: "webhook", Path: path + ".metadata.labels", Message: fmt.Sprintf("invalid label value %q for key %q: %s", value, key, strings.Join(errs, ","))})
				}
				if errs := validation.IsQualifiedName(key); len(errs) > 0 {
					out = append(out, Problem{Stage: "webhook", Path: path + ".metadata.labels", Message: fmt.Sprintf("invalid label key %q: %s", key, strings.Join(errs, ","))})
				}
			}
			if names[pl.Name] {
				out = append(out, Problem{Stage: "webhook", Path: path + ".metadata.name", Message: fmt.Sprintf("duplicate pipeline name %q", pl.Name)})
			}
			names[pl.Name] = true
			id := p.Name + "-" + l.lifecycle + "-" + l.action + "-" + pl.Name
			if len(id) > maxPipelineIDLength {
				out = append(out, Problem{Stage: "webhook", Path: path + ".metadata.name", Message: fmt.Sprintf("pipeline id %q is longer than %d characters", id, maxPipelineIDLength)})
				continue
			}
			out = append(out, jobProblems(p, pl, l.lifecycle, l.action, id, api, path)...)
		}
	}
	return out
}

func nested(m map[string]interface{}, keys ...string) interface{} {
	var cur interface{} = m
	for _, k := range keys {
		mm, ok := cur.(map[string]interface{})
		if !ok {
			return nil
		}
		cur = mm[k]
	}
	return cur
}
