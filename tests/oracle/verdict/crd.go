// Package verdict answers, with Kubernetes' and Kratix's own rules, whether a
// Promise (and requests for its API) would be accepted.
package verdict

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"k8s.io/apiextensions-apiserver/pkg/apihelpers"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/install"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/rest"
)

var scheme = func() *runtime.Scheme {
	s := runtime.NewScheme()
	install.Install(s)
	return s
}()

// CRD is a CustomResourceDefinition the API server accepted, ready to
// validate objects as the server would serve them.
type CRD struct {
	V1       *apiextensionsv1.CustomResourceDefinition
	Internal *apiextensions.CustomResourceDefinition
	versions map[string]*servedVersion
}

type servedVersion struct {
	structural *schema.Structural
	validator  apiservervalidation.SchemaValidator
	status     apiservervalidation.SchemaValidator
	v1         *apiextensionsv1.CustomResourceDefinitionVersion
}

// DecodeCRD reads a v1 CRD from JSON as a client's plain json.Unmarshal does
// (Kratix reads spec.api this way: unknown fields are dropped).
func DecodeCRD(raw []byte) (*apiextensionsv1.CustomResourceDefinition, error) {
	crd := &apiextensionsv1.CustomResourceDefinition{}
	if err := json.Unmarshal(raw, crd); err != nil {
		return nil, err
	}
	return crd, nil
}

// CreateCRD runs what the API server runs for `create` of a CRD: v1
// defaulting, conversion to the internal type, the registry strategy's
// PrepareForCreate and ValidateCustomResourceDefinition (names, versions,
// structural schema, defaults, CEL rules compiled). It returns the problems,
// or the CRD ready to serve.
func CreateCRD(in *apiextensionsv1.CustomResourceDefinition) (*CRD, []Problem) {
	v1 := in.DeepCopy()
	if v1.APIVersion != "apiextensions.k8s.io/v1" || v1.Kind != "CustomResourceDefinition" {
		return nil, []Problem{{Stage: "crd", Path: "apiVersion", Message: fmt.Sprintf("expected apiextensions.k8s.io/v1 CustomResourceDefinition, got %s %s", v1.APIVersion, v1.Kind)}}
	}
	scheme.Default(v1)
	internal := &apiextensions.CustomResourceDefinition{}
	if err := scheme.Convert(v1, internal, nil); err != nil {
		return nil, []Problem{{Stage: "crd", Message: err.Error()}}
	}
	strategy := customresourcedefinition.NewStrategy(scheme)
	ctx := context.Background()
	// rest.BeforeCreate: a cluster-scoped object's namespace is cleared.
	if err := rest.EnsureObjectNamespaceMatchesRequestNamespace(rest.ExpectedNamespaceForScope("", false), internal); err != nil {
		return nil, []Problem{{Stage: "crd", Path: "metadata.namespace", Message: err.Error()}}
	}
	strategy.PrepareForCreate(ctx, internal)
	if errs := strategy.Validate(ctx, internal); len(errs) > 0 {
		return nil, fieldProblems("crd", errs)
	}
	// What the server does once the CRD is established: it serves each
	// version with its structural schema and validators.
	if err := scheme.Convert(internal, v1, nil); err != nil {
		return nil, []Problem{{Stage: "crd", Message: err.Error()}}
	}
	crd := &CRD{V1: v1, Internal: internal, versions: map[string]*servedVersion{}}
	for i := range v1.Spec.Versions {
		v := &v1.Spec.Versions[i]
		val, err := apihelpers.GetSchemaForVersion(v1, v.Name)
		if err != nil || val == nil {
			return nil, []Problem{{Stage: "crd", Message: fmt.Sprintf("version %s has no schema", v.Name)}}
		}
		iv := &apiextensions.CustomResourceValidation{}
		if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(val, iv, nil); err != nil {
			return nil, []Problem{{Stage: "crd", Message: err.Error()}}
		}
		s, err := schema.NewStructural(iv.OpenAPIV3Schema)
		if err != nil {
			return nil, []Problem{{Stage: "crd", Message: err.Error()}}
		}
		s = s.DeepCopy()
		if err := structuraldefaulting.PruneDefaults(s); err != nil {
			return nil, []Problem{{Stage: "crd", Message: err.Error()}}
		}
		validator, _, err := apiservervalidation.NewSchemaValidator(iv.OpenAPIV3Schema)
		if err != nil {
			return nil, []Problem{{Stage: "crd", Message: err.Error()}}
		}
		sv := &servedVersion{structural: s, validator: validator, v1: v}
		if sub := v.Subresources; sub != nil && sub.Status != nil && iv.OpenAPIV3Schema != nil {
			if st, ok := iv.OpenAPIV3Schema.Properties["status"]; ok {
				sv.status, _, _ = apiservervalidation.NewSchemaValidator(&st)
			}
		}
		crd.versions[v.Name] = sv
	}
	return crd, nil
}

// CELRules counts the x-kubernetes-validations rules of every version's schema
// (each was compiled by CreateCRD).
func (c *CRD) CELRules() int {
	n := 0
	for _, v := range c.versions {
		n += countRules(v.structural)
	}
	return n
}

func countRules(s *schema.Structural) int {
	if s == nil {
		return 0
	}
	n := len(s.XValidations)
	for k := range s.Properties {
		p := s.Properties[k]
		n += countRules(&p)
	}
	n += countRules(s.Items)
	if s.AdditionalProperties != nil {
		n += countRules(s.AdditionalProperties.Structural)
	}
	return n
}

// DecodeStrictCRD reads a CRD as `kubectl create` with strict field
// validation takes it: unknown fields are errors.
func DecodeStrictCRD(raw []byte) (*apiextensionsv1.CustomResourceDefinition, error) {
	crd := &apiextensionsv1.CustomResourceDefinition{}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(crd); err != nil {
		return nil, err
	}
	return crd, nil
}
