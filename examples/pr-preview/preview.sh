#!/usr/bin/env bash
# Runs the preview the pull-request workflow runs: with the vcda-compliance policy pack and an engine event log,
# then vcda-report for the Markdown comment, JUnit and SARIF. Prints the Markdown.
#
#   ./preview.sh [stack]
#
# vcda-policy.json  the pack's config: policies of orgs this stack does not assign (here the remote source org)
# POLICY_PACK  path to policy-packs/vcda-compliance (default: the one in this repository)
# OUT_DIR      where preview.json, events.jsonl, comment.md, vcda-junit.xml and vcda.sarif go (default: ./.preview)
# Exit code: non-zero when the preview fails (e.g. a mandatory violation) or the report finds a mandatory violation.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
pack="$(cd "${POLICY_PACK:-$here/../../policy-packs/vcda-compliance}" && pwd)"
out="${OUT_DIR:-$here/.preview}"
mkdir -p "$out"
stack_args=()
if [ -n "${1:-}" ]; then stack_args=(--stack "$1"); fi

if [ ! -f "$pack/bin/report/cli.js" ]; then
  echo "The policy pack is not built: run npm install in $pack" >&2
  exit 2
fi

cd "$here"
status=0
# --json leaves policy violations out; the event log has them (policy pack README). The CLI accepts --event-log
# only with PULUMI_DEBUG_COMMANDS=true.
PULUMI_DEBUG_COMMANDS=true pulumi preview ${stack_args[@]+"${stack_args[@]}"} --json \
  --policy-pack "$pack" --policy-pack-config "$here/vcda-policy.json" \
  --event-log "$out/events.jsonl" >"$out/preview.json" || status=$?
node "$pack/bin/report/cli.js" --preview "$out/preview.json" --events "$out/events.jsonl" \
  --markdown "$out/comment.md" --junit "$out/vcda-junit.xml" --sarif "$out/vcda.sarif" --sarif-uri index.ts \
  --fail-on mandatory || status=$?
cat "$out/comment.md"
exit "$status"
