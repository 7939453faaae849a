// A Go program that manages VCDA resources through the generated Go SDK (sdk/go) and the provider plugin, run by
// the Automation API's inline source (no pulumi-language-go needed). test/plugin/go.test.ts runs one step per
// invocation and reads the JSON it prints.
//
// Usage: go-program up|preview|refresh|destroy
//
// Settings come from the environment: VCDA_ENDPOINT, VCDA_PASSWORD (the appliance), POLICY_NAME, RPO (the desired
// state), PULUMI_ROOT (the folder holding bin/pulumi), PLUGIN_DIR (the folder of pulumi-resource-vcda), WORK_DIR,
// STACK, and the usual PULUMI_* variables for the backend and the passphrase.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"github.com/pulumi-vcda/pulumi-vcda/sdk/go/vcda"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	vdcOrg2 = "d6977f40-4d90-46b2-a34e-5077e8648eda"
	site1VM = "5e1a0000-0000-4000-8000-000000000011"
)

func program(policyName string, rpo int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		appliance, err := vcda.NewProvider(ctx, "appliance", &vcda.ProviderArgs{
			Endpoint: pulumi.String(os.Getenv("VCDA_ENDPOINT")),
			Username: pulumi.String("root"),
			Password: pulumi.String(os.Getenv("VCDA_PASSWORD")),
			Sites: vcda.SiteAuthMap{"site1": vcda.SiteAuthArgs{
				Type:     pulumi.String("credentials"),
				Username: pulumi.String("root@System"),
				Password: pulumi.String("password"),
			}},
		})
		if err != nil {
			return err
		}
		policy, err := vcda.NewPolicy(ctx, "gold", &vcda.PolicyArgs{
			DisplayName:              pulumi.String(policyName),
			MaxIncoming:              pulumi.Int(-1),
			AllowIncomingProtections: pulumi.Bool(true),
			AllowOutgoingProtections: pulumi.Bool(true),
		}, pulumi.Provider(appliance))
		if err != nil {
			return err
		}
		assignment, err := vcda.NewPolicyAssignment(ctx, "gold-org2", &vcda.PolicyAssignmentArgs{
			PolicyId: policy.ID().ToStringOutput(),
			Org:      pulumi.String("org2"),
		}, pulumi.Provider(appliance))
		if err != nil {
			return err
		}
		replication, err := vcda.NewVmReplication(ctx, "cloud", &vcda.VmReplicationArgs{
			Source: vcda.ReplicationSourceArgs{
				Type: pulumi.String("vcloud"), Site: pulumi.String("site1"), VmId: pulumi.String(site1VM),
				Org: pulumi.String("org1"),
			},
			Destination: vcda.ReplicationDestinationArgs{
				Type: pulumi.String("vcloud"), Site: pulumi.String("site2"), Vdc: pulumi.String(vdcOrg2),
				Org: pulumi.String("org2"),
			},
			Description: pulumi.String("go cloud to cloud"),
			Rpo:         pulumi.Int(rpo),
		}, pulumi.Provider(appliance), pulumi.DependsOn([]pulumi.Resource{assignment}))
		if err != nil {
			return err
		}
		ctx.Export("policyId", policy.ID())
		ctx.Export("policyMinRpo", policy.MinRpo)
		ctx.Export("replicationId", replication.ReplicationId)
		ctx.Export("health", replication.OverallHealth)
		ctx.Export("rpo", replication.Rpo)
		return nil
	}
}

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "go-program: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: go-program up|preview|refresh|destroy")
	}
	rpo, err := strconv.Atoi(os.Getenv("RPO"))
	if err != nil {
		return fmt.Errorf("RPO: %w", err)
	}
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: os.Getenv("PULUMI_ROOT"), SkipVersionCheck: true})
	if err != nil {
		return err
	}
	project := workspace.Project{
		Name:    "vcda-go",
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
		// The plugin is found through the project, as a Pulumi.yaml `plugins.providers` entry would say.
		Plugins: &workspace.Plugins{Providers: []workspace.PluginOptions{{Name: "vcda", Path: os.Getenv("PLUGIN_DIR")}}},
	}
	stack, err := auto.UpsertStackInlineSource(ctx, os.Getenv("STACK"), "vcda-go",
		program(os.Getenv("POLICY_NAME"), rpo),
		auto.Pulumi(cmd),
		auto.Project(project),
		auto.WorkDir(os.Getenv("WORK_DIR")),
		auto.SecretsProvider("passphrase"),
	)
	if err != nil {
		return err
	}
	var result any
	switch args[0] {
	case "up":
		r, err := stack.Up(ctx)
		if err != nil {
			return err
		}
		result = map[string]any{"outputs": plain(r.Outputs), "changes": r.Summary.ResourceChanges}
	case "preview":
		r, err := stack.Preview(ctx)
		if err != nil {
			return err
		}
		result = map[string]any{"changes": r.ChangeSummary}
	case "refresh":
		r, err := stack.Refresh(ctx)
		if err != nil {
			return err
		}
		result = map[string]any{"changes": r.Summary.ResourceChanges}
	case "destroy":
		r, err := stack.Destroy(ctx)
		if err != nil {
			return err
		}
		result = map[string]any{"changes": r.Summary.ResourceChanges}
	default:
		return fmt.Errorf("unknown step %q", args[0])
	}
	return json.NewEncoder(os.Stdout).Encode(result)
}

func plain(outputs auto.OutputMap) map[string]any {
	out := map[string]any{}
	for k, v := range outputs {
		out[k] = v.Value
	}
	return out
}
