//go:build tools

// Package tools pins pulumi-language-yaml (github.com/pulumi/pulumi-yaml v1.38.1) against the engine's pkg and sdk
// (v3.274.1), so `go build github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml` resolves from this go.mod and
// go.sum. The proxy serves v1.38.1 only when asked for that exact version.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
