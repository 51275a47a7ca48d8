// kratix-oracle says, with Kubernetes' own code (apiextensions-apiserver's
// CRD validation, structural schemas, pruning, defaulting, OpenAPI value
// validation, CEL; core and batch validation for the pipeline Jobs) and
// Kratix's admission rules, whether a Promise and requests for its API would
// be accepted. It prints a JSON verdict and exits 0 when it could judge.
//
//	kratix-oracle --promise-crd platform.kratix.io_promises.yaml PROMISE.yaml [REQUEST.yaml...]
//	kratix-oracle --promise-crd ... --batch < cases.json   # [{"promise": YAML, "requests": [YAML...]}] -> [verdict...]
//	kratix-oracle --crd CRD.yaml [REQUEST.yaml...]          # a CRD alone, as `kubectl create` would take it
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kratix-cpp/oracle/verdict"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

func main() {
	promiseCRD := flag.String("promise-crd", "", "Kratix's Promise CRD (platform.kratix.io_promises.yaml)")
	batch := flag.Bool("batch", false, "read a JSON list of cases on stdin, print a JSON list of verdicts")
	crdOnly := flag.String("crd", "", "judge this CRD alone (and the requests given) instead of a Promise")
	flag.Parse()
	out, err := run(*promiseCRD, *batch, *crdOnly, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "kratix-oracle:", err)
		os.Exit(2)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}

func run(promiseCRDPath string, batch bool, crdOnly string, args []string) (interface{}, error) {
	if crdOnly != "" {
		text, err := os.ReadFile(crdOnly)
		if err != nil {
			return nil, err
		}
		return judgeCRD(text, readAll(args))
	}
	if promiseCRDPath == "" {
		return nil, errors.New("--promise-crd is required")
	}
	text, err := os.ReadFile(promiseCRDPath)
	if err != nil {
		return nil, err
	}
	docs, err := documents(text)
	if err != nil || len(docs) != 1 {
		return nil, fmt.Errorf("%s: not one CRD (%v)", promiseCRDPath, err)
	}
	raw, _ := json.Marshal(docs[0])
	v1, err := verdict.DecodeCRD(raw)
	if err != nil {
		return nil, err
	}
	promiseCRD, problems := verdict.CreateCRD(v1)
	if problems != nil {
		return nil, fmt.Errorf("the Promise CRD itself is rejected: %v", problems)
	}
	if batch {
		var cases []struct {
			Promise  string   `json:"promise"`
			Requests []string `json:"requests"`
		}
		if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
			return nil, err
		}
		out := make([]verdict.Verdict, 0, len(cases))
		for _, c := range cases {
			reqs := make([][]byte, 0, len(c.Requests))
			for _, r := range c.Requests {
				reqs = append(reqs, []byte(r))
			}
			out = append(out, judge([]byte(c.Promise), reqs, promiseCRD))
		}
		return out, nil
	}
	if len(args) == 0 {
		return nil, errors.New("name the Promise file")
	}
	text, err = os.ReadFile(args[0])
	if err != nil {
		return nil, err
	}
	return judge(text, readAll(args[1:]), promiseCRD), nil
}

func readAll(paths []string) [][]byte {
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			b = []byte("!unreadable " + p)
		}
		out = append(out, b)
	}
	return out
}

// documents splits a YAML stream as kubectl does and reads each document as
// the API machinery does (sigs.k8s.io/yaml; whole numbers as int64); empty
// documents are skipped.
func documents(text []byte) ([]map[string]interface{}, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(text)))
	var out []map[string]interface{}
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		js, err := yaml.YAMLToJSON(doc)
		if err != nil {
			return out, err
		}
		if bytes.Equal(bytes.TrimSpace(js), []byte("null")) {
			continue
		}
		var obj interface{}
		if err := utiljson.Unmarshal(js, &obj); err != nil {
			return out, err
		}
		m, ok := obj.(map[string]interface{})
		if !ok {
			return out, fmt.Errorf("a document is %T, not an object", obj)
		}
		out = append(out, m)
	}
}

func judge(promiseText []byte, requestTexts [][]byte, promiseCRD *verdict.CRD) verdict.Verdict {
	fail := func(stage string, err error) verdict.Verdict {
		return verdict.Verdict{Problems: []verdict.Problem{{Stage: stage, Message: err.Error()}}, Warnings: []string{}, Resources: []verdict.ResourceVerdict{}}
	}
	docs, err := documents(promiseText)
	if err != nil {
		return fail("yaml", err)
	}
	var promise map[string]interface{}
	for _, d := range docs {
		if d["kind"] == "Promise" {
			promise = d
			break
		}
	}
	if promise == nil {
		return fail("yaml", errors.New("no Promise document"))
	}
	var requests []map[string]interface{}
	var bad []verdict.ResourceVerdict
	for _, t := range requestTexts {
		ds, err := documents(t)
		if err != nil {
			bad = append(bad, verdict.ResourceVerdict{Name: "unreadable", Problems: []verdict.Problem{{Stage: "yaml", Message: err.Error()}}})
			continue
		}
		requests = append(requests, ds...)
	}
	v := verdict.JudgePromise(promise, promiseCRD, requests)
	v.Resources = append(v.Resources, bad...)
	return v
}

func judgeCRD(text []byte, requestTexts [][]byte) (interface{}, error) {
	docs, err := documents(text)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("expected one CRD, found %d documents", len(docs))
	}
	raw, _ := json.Marshal(docs[0])
	v := verdict.Verdict{Problems: []verdict.Problem{}, Warnings: []string{}, Resources: []verdict.ResourceVerdict{}}
	v1, err := verdict.DecodeStrictCRD(raw)
	if err != nil {
		v.Problems = append(v.Problems, verdict.Problem{Stage: "crd", Message: err.Error()})
		return v, nil
	}
	crd, problems := verdict.CreateCRD(v1)
	v.Problems = append(v.Problems, problems...)
	v.Accepted = len(v.Problems) == 0
	for _, t := range requestTexts {
		ds, err := documents(t)
		if err != nil {
			v.Resources = append(v.Resources, verdict.ResourceVerdict{Name: "unreadable", Problems: []verdict.Problem{{Stage: "yaml", Message: err.Error()}}})
			continue
		}
		for _, d := range ds {
			rv := verdict.ResourceVerdict{Problems: []verdict.Problem{}}
			if crd == nil {
				rv.Problems = append(rv.Problems, verdict.Problem{Stage: "resource", Message: "the CRD was rejected"})
			} else {
				rv.Problems = crd.Create(d)
			}
			rv.Accepted = len(rv.Problems) == 0
			v.Resources = append(v.Resources, rv)
		}
	}
	return v, nil
}
