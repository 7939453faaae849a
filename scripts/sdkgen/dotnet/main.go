// sdkgen-dotnet writes the .NET SDK of the VCDA provider plugin from its schema, with the C# code generator of
// github.com/pulumi/pulumi/pkg/v3 v3.225.1, the last release that ships it (it moved to pulumi-dotnet, whose
// language plugin the Go module proxy reachable here does not serve). A separate module from sdkgen because one
// module cannot hold two versions of pkg.
//
// Usage: sdkgen-dotnet <schema.json> <out-dir>
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noLoader refuses every package: the schema refers to no other package.
type noLoader struct{}

var errNoPackages = errors.New("the vcda schema refers to no other package")

func (noLoader) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errNoPackages
}
func (noLoader) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoPackages
}
func (noLoader) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoPackages
}
func (noLoader) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errNoPackages
}

// logoURL is where the generator is told to find the NuGet package icon: a scheme served in this process, so
// generating never reaches the network (without a logoUrl it downloads Pulumi's logo from GitHub).
const logoURL = "vcda-logo:icon.png"

type logoTransport struct{}

// RoundTrip answers with a 64×64 PNG drawn here: no image file in the repository, no download.
func (logoTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{R: 0x1d, G: 0x6f, B: 0xb8, A: 0xff})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": []string{"image/png"}},
		Body:       io.NopCloser(&buf),
		Request:    req,
	}, nil
}

func main() {
	http.DefaultTransport.(*http.Transport).RegisterProtocol("vcda-logo", logoTransport{})
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "sdkgen-dotnet: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 2 {
		return errors.New("usage: sdkgen-dotnet <schema.json> <out-dir>")
	}
	raw, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("reading %s: %w", args[0], err)
	}
	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("the schema is not valid: %v", diags)
	}
	pkg.LogoURL = logoURL
	files, err := dotnet.GeneratePackage("pulumi-vcda sdkgen", pkg, nil, nil)
	if err != nil {
		return err
	}
	for name, content := range files {
		p := filepath.Join(args[1], name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
