//go:build tools

// Package tools names the main package this module exists to build, so that go.sum covers it.
package tools

import _ "helm.sh/helm/v3/cmd/helm"
