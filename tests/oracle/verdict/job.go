package verdict

import (
	"fmt"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	podutil "k8s.io/kubernetes/pkg/api/pod"
	"k8s.io/kubernetes/pkg/apis/batch"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	batchvalidation "k8s.io/kubernetes/pkg/apis/batch/validation"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
)

const adapterImage = "ghcr.io/syntasso/kratix-platform-pipeline-adapter:oracle"

// jobProblems stands for the webhook's dry-run create of the pipeline's Job
// (PipelineFactory.Resources, then the API server's Job validation): the Job
// is formed as Kratix forms it (its reader, work-writer and status-writer
// containers, its volumes and mounts, environment, labels, service account),
// defaulted and validated by Kubernetes' own batch and core validation.
func jobProblems(p *promise, pl *pipeline, lifecycle, action, id string, api *CRD, path string) []Problem {
	namespace := systemNamespace // the dry-run request lives there; promise workflows too
	if p.Spec.Workflows.Config.PipelineNamespace != "" {
		namespace = p.Spec.Workflows.Config.PipelineNamespace
	}
	objKind, objGroup, objVersion, objName, objNamespace, plural, clusterScoped := "Promise", "platform.kratix.io", "v1alpha1", p.Name, "", "promises", "true"
	if lifecycle == "resource" {
		objName, objNamespace, clusterScoped = "webhook-dry-run", systemNamespace, "false"
		if api != nil {
			objKind, objGroup, plural = api.V1.Spec.Names.Kind, api.V1.Spec.Group, api.V1.Spec.Names.Plural
			for _, v := range api.V1.Spec.Versions {
				if v.Storage {
					objVersion = v.Name
				}
			}
		} else {
			objKind, objGroup, objVersion, plural = "", "", "", ""
		}
	}
	env := []corev1.EnvVar{
		{Name: "KRATIX_WORKFLOW_ACTION", Value: action},
		{Name: "KRATIX_WORKFLOW_TYPE", Value: lifecycle},
		{Name: "KRATIX_PROMISE_NAME", Value: p.Name},
		{Name: "KRATIX_PIPELINE_NAME", Value: pl.Name},
		{Name: "KRATIX_OBJECT_KIND", Value: objKind},
		{Name: "KRATIX_OBJECT_GROUP", Value: objGroup},
		{Name: "KRATIX_OBJECT_VERSION", Value: objVersion},
		{Name: "KRATIX_OBJECT_NAME", Value: objName},
		{Name: "KRATIX_OBJECT_NAMESPACE", Value: objNamespace},
		{Name: "KRATIX_CRD_PLURAL", Value: plural},
		{Name: "KRATIX_CLUSTER_SCOPED", Value: clusterScoped},
	}
	defaults := corev1.ResourceRequirements{
		Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m"), corev1.ResourceMemory: resource.MustParse("128Mi"), corev1.ResourceEphemeralStorage: resource.MustParse("128Mi")},
		Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("200m"), corev1.ResourceMemory: resource.MustParse("256Mi"), corev1.ResourceEphemeralStorage: resource.MustParse("256Mi")},
	}
	no, yes := false, true
	kratixSecurity := &corev1.SecurityContext{
		AllowPrivilegeEscalation: &no, Capabilities: &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}},
		RunAsNonRoot: &yes, SeccompProfile: &corev1.SeccompProfile{Type: "RuntimeDefault"}, Privileged: &no,
	}
	volumes := []corev1.Volume{}
	if action == "configure" {
		volumes = append(volumes, corev1.Volume{Name: "promise-scheduling", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
			LocalObjectReference: corev1.LocalObjectReference{Name: "destination-selectors-" + p.Name},
			Items:                []corev1.KeyToPath{{Key: "destinationSelectors", Path: "promise-scheduling"}},
		}}})
	}
	volumes = append(volumes,
		corev1.Volume{Name: "shared-input", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		corev1.Volume{Name: "shared-output", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		corev1.Volume{Name: "shared-metadata", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}})
	volumes = append(volumes, pl.Spec.Volumes...)
	mounts := []corev1.VolumeMount{
		{MountPath: "/kratix/input", Name: "shared-input", ReadOnly: true},
		{MountPath: "/kratix/output", Name: "shared-output"},
		{MountPath: "/kratix/metadata", Name: "shared-metadata"},
	}
	reader := corev1.Container{Name: "reader", Image: adapterImage, Command: []string{"/bin/pipeline-adapter"}, Args: []string{"reader"}, Env: env,
		VolumeMounts:    []corev1.VolumeMount{{MountPath: "/kratix/input", Name: "shared-input"}, {MountPath: "/kratix/output", Name: "shared-output"}},
		SecurityContext: kratixSecurity, Resources: defaults}
	var users []corev1.Container
	for _, c := range pl.Spec.Containers {
		r := defaults
		if c.Resources != nil {
			r = *c.Resources
		}
		users = append(users, corev1.Container{
			Name: c.Name, Image: c.Image, Args: c.Args, Command: c.Command,
			VolumeMounts: append(append([]corev1.VolumeMount{}, mounts...), c.VolumeMounts...),
			Env:          append(append([]corev1.EnvVar{}, env...), c.Env...),
			EnvFrom:      c.EnvFrom, ImagePullPolicy: c.ImagePullPolicy, SecurityContext: c.SecurityContext, Resources: r,
		})
	}
	workWriter := corev1.Container{Name: "work-writer", Image: adapterImage, Command: []string{"/bin/pipeline-adapter"},
		Args: []string{"work-creator", "--input-directory", "/work-creator-files", "--promise-name", p.Name, "--pipeline-name", pl.Name, "--namespace", namespace, "--workflow-type", lifecycle},
		Env: []corev1.EnvVar{
			{Name: "TRACEPARENT", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.annotations['kratix.io/traceparent']"}}},
			{Name: "TRACESTATE", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.annotations['kratix.io/tracestate']"}}},
		},
		VolumeMounts: []corev1.VolumeMount{
			{MountPath: "/work-creator-files/input", Name: "shared-output"},
			{MountPath: "/work-creator-files/metadata", Name: "shared-metadata"},
			{MountPath: "/work-creator-files/kratix-system", Name: "promise-scheduling"},
		},
		SecurityContext: kratixSecurity, Resources: defaults}
	statusWriter := corev1.Container{Name: "status-writer", Image: adapterImage, Command: []string{"/bin/pipeline-adapter"}, Args: []string{"update-status"},
		Env: env, VolumeMounts: []corev1.VolumeMount{{MountPath: "/work-creator-files/metadata", Name: "shared-metadata"}},
		SecurityContext: kratixSecurity, Resources: defaults}
	initContainers := append([]corev1.Container{reader}, users...)
	if action == "configure" {
		initContainers = append(initContainers, workWriter)
	}
	restart := pl.Spec.RestartPolicy
	if restart == "" {
		restart = corev1.RestartPolicyOnFailure
	}
	serviceAccount := id
	if pl.Spec.RBAC.ServiceAccount != "" {
		serviceAccount = pl.Spec.RBAC.ServiceAccount
	}
	labels := map[string]string{
		"kratix.io/promise-name": p.Name, "kratix.io/workflow-type": lifecycle, "kratix.io/pipeline-name": pl.Name,
		"kratix.io/workflow-action": action, "app.kubernetes.io/managed-by": "Kratix",
	}
	if lifecycle == "resource" {
		labels["kratix.io/resource-name"] = objName
	}
	for k, v := range pl.Labels {
		labels[k] = v
	}
	// What the Job registry strategy adds before validation (generateSelector).
	uid := types.UID("00000000-0000-4000-8000-000000000000")
	jobName := "kratix-oracle-job" // Kratix shortens the real name to a valid one
	podLabels := map[string]string{"batch.kubernetes.io/controller-uid": string(uid), "controller-uid": string(uid), "batch.kubernetes.io/job-name": jobName, "job-name": jobName}
	for k, v := range labels {
		podLabels[k] = v
	}
	job := &batchv1.Job{
		TypeMeta:   metav1.TypeMeta{APIVersion: "batch/v1", Kind: "Job"},
		ObjectMeta: metav1.ObjectMeta{Name: jobName, Namespace: namespace, Labels: labels, UID: uid},
		Spec: batchv1.JobSpec{
			BackoffLimit: pl.Spec.JobOptions.BackoffLimit,
			Selector:     &metav1.LabelSelector{MatchLabels: map[string]string{"controller-uid": string(uid)}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: podLabels, Annotations: pl.Annotations},
				Spec: corev1.PodSpec{
					Containers: []corev1.Container{statusWriter}, InitContainers: initContainers,
					ImagePullSecrets: pl.Spec.ImagePullSecrets, NodeSelector: pl.Spec.NodeSelector, RestartPolicy: restart,
					ServiceAccountName: serviceAccount, Tolerations: pl.Spec.Tolerations, Volumes: volumes,
				},
			},
		},
	}
	legacyscheme.Scheme.Default(job)
	internal := &batch.Job{}
	if err := legacyscheme.Scheme.Convert(job, internal, nil); err != nil {
		return []Problem{{Stage: "job", Path: path, Message: err.Error()}}
	}
	opts := batchvalidation.JobValidationOptions{PodValidationOptions: podutil.GetValidationOptionsFromPodTemplate(&internal.Spec.Template, nil)}
	errs := batchvalidation.ValidateJob(internal, opts)
	out := fieldProblems("job", errs)
	for i := range out {
		out[i].Message = fmt.Sprintf("pipeline %q: its Job would be rejected: %s: %s", pl.Name, out[i].Path, out[i].Message)
		out[i].Path = path
	}
	return out
}
