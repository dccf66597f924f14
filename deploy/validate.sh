#!/usr/bin/env bash
# Offline checks of everything in deploy/ (no container engine or cluster needed):
# hadolint for the image recipe, the compose spec schema, nats-server's own config test, and the
# Kubernetes JSON schemas for each rendered Kustomize overlay (`kubectl kustomize`; without
# kubectl, the base manifests alone). Tools come from the venv (requirements-dev.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
K8S_VERSION=${K8S_VERSION:-1.33.0}

step() { echo "deploy: $*" >&2; }

step "hadolint deploy/Dockerfile"
"$BIN/hadolint" --failure-threshold warning deploy/Dockerfile

step "compose spec: deploy/compose.yaml"
"$BIN/check-jsonschema" --builtin-schema vendor.compose-spec deploy/compose.yaml

step "nats-server -t deploy/nats/nats.conf"
"$BIN/nats-server" -t -c deploy/nats/nats.conf >/dev/null

rendered=$(mktemp -d)
trap 'rm -rf "$rendered"' EXIT
if command -v kubectl >/dev/null; then
  for overlay in deploy/k8s/overlays/*/; do
    name=$(basename "$overlay")
    step "kustomize + kubernetes-validate: overlay $name"
    kubectl kustomize "$overlay" >"$rendered/$name.yaml"
    "$BIN/kubernetes-validate" --strict --quiet -k "$K8S_VERSION" "$rendered/$name.yaml"
  done
else
  step "WARNING: no kubectl; validating the base manifests without rendering the overlays"
  "$BIN/kubernetes-validate" --strict --quiet -k "$K8S_VERSION" \
    deploy/k8s/base/{projects,governance,resources,reporting}.yaml
fi

step "YAML syntax: NATS Helm values"
"$BIN/python" -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' deploy/k8s/nats/values.yaml
step "all deploy checks passed"
