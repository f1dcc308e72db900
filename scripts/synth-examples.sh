#!/usr/bin/env bash
# Synthesizes the example apps the way a user would: the library comes from the packed npm tarball (not from src/),
# and `cdk synth` is the real CLI from the `aws-cdk` package. The reference app (bin/reference-app.ts, built only from
# the hardened constructs, audited by our pack and cdk-nag) must synthesize with no unacknowledged finding; the insecure
# app must make `cdk synth` exit non-zero and list its violations; the root README's comparison of the reference app
# with its plain aws-cdk-lib twin must be current (scripts/compare.ts --check). Every synthesized template is linted
# with cfn-lint when it is installed. No AWS account or network (beyond the npm registry for the install) is needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tarball=$(ls -t dist/js/cdk-secure-serverless*.tgz 2>/dev/null | head -n 1 || true)
if [ -z "$tarball" ]; then
  echo "examples: no packed library in dist/js. Build it first: npx projen compile && npx projen package:js" >&2
  exit 1
fi

export AWS_EC2_METADATA_DISABLED=true CDK_DISABLE_VERSION_CHECK=true CDK_DISABLE_CLI_TELEMETRY=true
cd examples
echo "examples: installing the app's dependencies and the library from $tarball"
npm ci --no-audit --no-fund --loglevel=error
npm install --no-save --no-audit --no-fund --loglevel=error "$root/$tarball"
# The installed copy is removed on exit: jsii-docgen (npx projen docgen) reads every `.jsii` below the project root,
# and this copy has the same name and version as the library, so a stale one would silently document old code.
trap 'rm -rf "$root/examples/node_modules/cdk-secure-serverless"' EXIT
resolved=$(node -p "require.resolve('cdk-secure-serverless')")
case "$resolved" in
  "$root/examples/node_modules/"*) echo "examples: cdk-secure-serverless resolves to $resolved" ;;
  *) echo "examples: cdk-secure-serverless resolved outside examples/node_modules ($resolved)" >&2; exit 1 ;;
esac

# aws-cdk-lib writes an asset fingerprint cache under HOME (~/.cdk/cache): the apps run with a HOME inside the clone.
mkdir -p "$root/.cache/home" && export HOME="$root/.cache/home"
rm -rf cdk.out cdk.out.insecure
echo
echo "== cdk synth: reference app, bin/reference-app.ts (must succeed with no unacknowledged finding) =="
if ! npx cdk synth --no-notices --quiet 2>&1 | tee /tmp/cdk-secure-synth.log; then
  echo "examples: the reference app failed to synthesize" >&2
  exit 1
fi
# `cdk synth` fails on errors only; the reference app must not leave warnings open either.
node -e '
  const { summary } = JSON.parse(require("fs").readFileSync("cdk.out/security-audit.json", "utf8"));
  console.log(`reference app audit: ${summary.errors} open errors, ${summary.warnings} open warnings, ${summary.acknowledged} acknowledged`);
  if (summary.errors + summary.warnings > 0) process.exit(1);
'

echo
echo "== cdk synth: insecure app (must fail and list its violations) =="
set +e
npx cdk synth --no-notices --quiet --app 'npx ts-node --transpile-only bin/insecure-app.ts' --output cdk.out.insecure \
  > /tmp/cdk-insecure-synth.log 2>&1
status=$?
set -e
cat /tmp/cdk-insecure-synth.log
if [ "$status" -eq 0 ]; then
  echo "examples: the insecure app synthesized without error; the audit should have failed it" >&2
  exit 1
fi
if ! grep -q 'SLS-' /tmp/cdk-insecure-synth.log; then
  echo "examples: the insecure app failed, but not with audit findings (no SLS- rule ids in the output)" >&2
  exit 1
fi
echo "examples: the insecure app failed as expected (cdk synth exit code $status)"

echo
echo "== audit reports =="
for dir in cdk.out cdk.out.insecure; do
  for ext in json md sarif; do
    [ -s "$dir/security-audit.$ext" ] || { echo "examples: $dir/security-audit.$ext was not written" >&2; exit 1; }
  done
  echo "$dir: security-audit.json, security-audit.md and security-audit.sarif written"
done
# The insecure app's SARIF must list its violations, located in the source file that created them.
node -e '
  const sarif = JSON.parse(require("fs").readFileSync("cdk.out.insecure/security-audit.sarif", "utf8"));
  const results = sarif.runs.flatMap((run) => run.results);
  const located = results.filter((r) => (r.locations || []).some((l) =>
    /bin\/insecure-app\.ts$/.test(l.physicalLocation?.artifactLocation?.uri ?? "") && l.physicalLocation.region?.startLine > 0));
  const errors = results.filter((r) => r.level === "error");
  console.log(`insecure SARIF: ${results.length} results (${errors.length} errors), ${located.length} located in bin/insecure-app.ts`);
  if (errors.length === 0 || located.length === 0) process.exit(1);
'

echo
if [ "${UPDATE_COMPARISON:-}" = "1" ]; then
  echo "== reference app vs plain aws-cdk-lib: regenerating the README comparison =="
  npx ts-node --transpile-only scripts/compare.ts
else
  echo "== reference app vs plain aws-cdk-lib: the README comparison is current =="
  npx ts-node --transpile-only scripts/compare.ts --check
fi

echo
echo "== cfn-lint =="
templates=$(find cdk.out -maxdepth 1 -name '*.template.json' | sort)
if command -v cfn-lint > /dev/null 2>&1; then
  # The reference app's templates: any error (E) fails; warnings and informational findings are printed only.
  cfn-lint --format parseable --non-zero-exit-code error -- $templates
  echo "cfn-lint: no errors in the reference app's $(echo "$templates" | wc -l) template(s)"
  # The insecure app is insecure on purpose (its deprecated runtime is an error for cfn-lint too): shown, not gated.
  echo "cfn-lint on the insecure app (for comparison, not gated):"
  cfn-lint --format parseable -- cdk.out.insecure/*.template.json || true
else
  echo "cfn-lint: not installed on this machine, skipped"
fi

echo
node "$root/scripts/summarize-examples.js" cdk.out
echo
sed -n '1,40p' cdk.out/security-audit.md
