//go:build tools

// Package tools pins the Pulumi CLI module so `go build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` resolves from
// this go.mod and go.sum (the CLI cannot be `go install`ed: its go.mod has replace directives).
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
