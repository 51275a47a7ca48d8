package verdict

import (
	"context"
	"fmt"
	"sort"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresource"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
)

// Create runs what the API server runs for `kubectl create` of a custom
// resource of this CRD with strict field validation (kubectl's default):
// decoding with pruning (unknown fields are errors), defaulting, nulls of
// non-nullable fields dropped, then the strategy's validation (ObjectMeta,
// OpenAPI value validation, embedded resources, list types, CEL rules).
func (c *CRD) Create(object map[string]interface{}) []Problem {
	_, problems := c.CreateObject(object)
	return problems
}

// CreateObject is Create that also returns the object as the server would store it.
func (c *CRD) CreateObject(object map[string]interface{}) (map[string]interface{}, []Problem) {
	u := &unstructured.Unstructured{Object: runtime.DeepCopyJSON(object)}
	gv, err := schema.ParseGroupVersion(u.GetAPIVersion())
	if err != nil || gv.Group != c.V1.Spec.Group {
		return nil, []Problem{{Stage: "resource", Path: "apiVersion", Message: fmt.Sprintf("%q is not served by %s", u.GetAPIVersion(), c.V1.Name)}}
	}
	sv, ok := c.versions[gv.Version]
	if !ok || !sv.v1.Served {
		return nil, []Problem{{Stage: "resource", Path: "apiVersion", Message: fmt.Sprintf("version %q is not served by %s", gv.Version, c.V1.Name)}}
	}
	if u.GetKind() != c.V1.Spec.Names.Kind {
		return nil, []Problem{{Stage: "resource", Path: "kind", Message: fmt.Sprintf("kind %q is not %s", u.GetKind(), c.V1.Spec.Names.Kind)}}
	}
	namespaced := c.V1.Spec.Scope == apiextensionsv1.NamespaceScoped
	// kubectl sends a namespaced object to its own namespace (or "default");
	// rest.BeforeCreate then clears the namespace of a cluster-scoped one.
	requestNamespace := u.GetNamespace()
	if namespaced && requestNamespace == "" {
		requestNamespace = "default"
	}
	if err := rest.EnsureObjectNamespaceMatchesRequestNamespace(rest.ExpectedNamespaceForScope(requestNamespace, namespaced), u); err != nil {
		return nil, []Problem{{Stage: "resource", Path: "metadata.namespace", Message: err.Error()}}
	}

	// Decoding (the handler's schema coercer).
	var unknown []string
	meta, found, metaUnknown, err := schemaobjectmeta.GetObjectMetaWithOptions(u.Object, schemaobjectmeta.ObjectMetaOptions{ReturnUnknownFieldPaths: true})
	if err != nil {
		return nil, []Problem{{Stage: "resource", Path: "metadata", Message: err.Error()}}
	}
	unknown = append(unknown, metaUnknown...)
	unknown = append(unknown, structuralpruning.PruneWithOptions(u.Object, sv.structural, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u.Object, sv.structural)
	if err, paths := schemaobjectmeta.CoerceWithOptions(nil, u.Object, sv.structural, false, schemaobjectmeta.CoerceOptions{ReturnUnknownFieldPaths: true}); err != nil {
		return nil, []Problem{{Stage: "resource", Path: "metadata", Message: err.Error()}}
	} else {
		unknown = append(unknown, paths...)
	}
	if found {
		if err := schemaobjectmeta.SetObjectMeta(u.Object, meta); err != nil {
			return nil, []Problem{{Stage: "resource", Path: "metadata", Message: err.Error()}}
		}
	}
	var problems []Problem
	sort.Strings(unknown)
	for _, p := range unknown {
		problems = append(problems, Problem{Stage: "resource", Path: p, Message: fmt.Sprintf("unknown field %q", p)})
	}
	structuraldefaulting.Default(u.Object, sv.structural)

	// The registry strategy.
	var statusSpec *apiextensions.CustomResourceSubresourceStatus
	var scaleSpec *apiextensions.CustomResourceSubresourceScale
	if sub := sv.v1.Subresources; sub != nil {
		if sub.Status != nil {
			statusSpec = &apiextensions.CustomResourceSubresourceStatus{}
		}
		if sub.Scale != nil {
			scaleSpec = &apiextensions.CustomResourceSubresourceScale{}
			if err := apiextensionsv1.Convert_v1_CustomResourceSubresourceScale_To_apiextensions_CustomResourceSubresourceScale(sub.Scale, scaleSpec, nil); err != nil {
				return nil, append(problems, Problem{Stage: "resource", Message: err.Error()})
			}
		}
	}
	kind := schema.GroupVersionKind{Group: c.V1.Spec.Group, Version: gv.Version, Kind: c.V1.Spec.Names.Kind}
	strategy := customresource.NewStrategy(nil, namespaced, kind, sv.validator, sv.status, sv.structural, statusSpec, scaleSpec, sv.v1.SelectableFields)
	ctx := genericapirequest.WithNamespace(context.Background(), u.GetNamespace())
	strategy.PrepareForCreate(ctx, u)
	problems = append(problems, fieldProblems("resource", strategy.Validate(ctx, u))...)
	return u.Object, problems
}

// Problem is one reason for a rejection.
type Problem struct {
	Stage   string `json:"stage"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

func fieldProblems(stage string, errs field.ErrorList) []Problem {
	out := make([]Problem, 0, len(errs))
	for _, e := range errs {
		out = append(out, Problem{Stage: stage, Path: e.Field, Message: e.ErrorBody()})
	}
	return out
}
