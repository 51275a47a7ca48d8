// The {{ container }} step of the {{ pipeline }} pipeline ({{ lifecycle }}/{{ action }}).
//
// Kratix mounts the {{ object }} at /kratix/input/object.yaml and schedules the
// files written to /kratix/output/. Files from resources/ are at /resources.
// Run 'go mod init' and 'go mod tidy' in scripts/ to manage dependencies locally.
package main

import (
	"fmt"
	"os"

	kratix "github.com/syntasso/kratix-go"
)

func main() {
	sdk := kratix.New()
	if sdk.IsPromiseWorkflow() {
		fmt.Printf("{{ pipeline }}/{{ container }}: promise %s\n", sdk.PromiseName())
		return
	}
	resource, err := sdk.ReadResourceInput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "reading the request: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("{{ pipeline }}/{{ container }}: handling %s in %s\n", resource.GetName(), resource.GetNamespace())
}
