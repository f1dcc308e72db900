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
rm -rf cdk.out cdk.out.*

# A secure app must synthesize with no open error or warning (`cdk synth` itself fails on errors only).
synth_secure() {
  local label=$1 app=$2 out=$3
  echo
  echo "== cdk synth: $label ($app, must succeed with no open finding) =="
  if ! npx cdk synth --no-notices --quiet --app "npx ts-node --transpile-only $app" --output "$out" 2>&1 | tee "/tmp/cdk-synth-$label.log"; then
    echo "examples: $label failed to synthesize" >&2
    return 1
  fi
  OUT="$out" LABEL="$label" node -e '
    const { summary } = JSON.parse(require("fs").readFileSync(`${process.env.OUT}/security-audit.json`, "utf8"));
    console.log(`${process.env.LABEL} audit: ${summary.errors} open errors, ${summary.warnings} open warnings, ${summary.acknowledged} acknowledged`);
    if (summary.errors + summary.warnings > 0) process.exit(1);
  '
}

# An insecure app must make `cdk synth` fail, listing its audit findings.
synth_insecure() {
  local label=$1 app=$2 out=$3
  echo
  echo "== cdk synth: $label ($app, must fail and list its violations) =="
  set +e
  npx cdk synth --no-notices --quiet --app "npx ts-node --transpile-only $app" --output "$out" > "/tmp/cdk-synth-$label.log" 2>&1
  local status=$?
  set -e
  cat "/tmp/cdk-synth-$label.log"
  if [ "$status" -eq 0 ]; then
    echo "examples: $label synthesized without error; the audit should have failed it" >&2
    return 1
  fi
  if ! grep -q 'SLS-' "/tmp/cdk-synth-$label.log"; then
    echo "examples: $label failed, but not with audit findings (no SLS- rule ids in the output)" >&2
    return 1
  fi
  echo "examples: $label failed as expected (cdk synth exit code $status)"
}

synth_secure "reference app" bin/reference-app.ts cdk.out
# The README's TypeScript quick start, with cdk-nag's packs on.
synth_secure "quick start" bin/quickstart.ts cdk.out.quickstart
synth_insecure "insecure app" bin/insecure-app.ts cdk.out.insecure

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

# The same apps on the newest aws-cdk-lib and cdk-nag 3 in the registry, as a new user's `cdk init` app gets them:
# a newer aws-cdk-lib (new runtimes, new defaults) must not break the secure apps or hide the insecure one's findings.
echo
echo "== the same apps on the newest aws-cdk-lib =="
npm install --no-save --no-audit --no-fund --loglevel=error aws-cdk-lib@latest cdk-nag@^3 "$root/$tarball"
echo "examples: aws-cdk-lib $(node -p 'require("aws-cdk-lib/package.json").version'), cdk-nag $(node -p 'require("cdk-nag/package.json").version')"
synth_secure "reference app (newest aws-cdk-lib)" bin/reference-app.ts cdk.out.latest
synth_secure "quick start (newest aws-cdk-lib)" bin/quickstart.ts cdk.out.latest-quickstart
synth_insecure "insecure app (newest aws-cdk-lib)" bin/insecure-app.ts cdk.out.latest-insecure

echo
node "$root/scripts/summarize-examples.js" cdk.out
echo
sed -n '1,40p' cdk.out/security-audit.md
