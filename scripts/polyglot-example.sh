#!/usr/bin/env bash
# Runs one of the Python, Java and Go consumer apps (examples/python, examples/java, examples/go) the way a user of
# that language would, on the package this repository just built (dist/python, dist/java, dist/go: run
# `npx projen package:languages` first), never on src/:
#   1. its unit tests (pytest, JUnit; Go has none) assert the audit's result through the public API;
#   2. `cdk synth` (the real CLI from examples/node_modules) on the secure app (the README quick start) must succeed
#      with no open finding in cdk.out/security-audit.json, and its templates must pass cfn-lint (when installed);
#   3. `cdk synth` on the insecure app must fail and list its SLS- findings, and write cdk.out.insecure/*.sarif.
# The SARIF source locations of the insecure apps are checked by scripts/polyglot-sarif.js.
# Usage: bash scripts/polyglot-example.sh python|java|go
set -euo pipefail
language=${1:?usage: polyglot-example.sh python|java|go}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=polyglot-env.sh
source "$root/scripts/polyglot-env.sh"
export AWS_EC2_METADATA_DISABLED=true CDK_DISABLE_VERSION_CHECK=true CDK_DISABLE_CLI_TELEMETRY=true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
# The apps (and the tests that build them) write aws-cdk-lib's fingerprint cache under HOME: keep it in the clone.
# pyenv's python3 shim finds its versions through PYENV_ROOT, which defaults to the real home.
export PYENV_ROOT="${PYENV_ROOT:-$HOME/.pyenv}"
mkdir -p "$POLYGLOT_HOME" && export HOME="$POLYGLOT_HOME"
app_dir="$root/examples/$language"
cdk="$root/examples/node_modules/.bin/cdk"

timed() { # timed <label> <command...>: runs a command and prints how long it took
  local label=$1; shift
  local started=$SECONDS
  "$@"
  echo "[$language] $label: $((SECONDS - started)) s"
}

if [ ! -x "$cdk" ]; then
  echo "[$language] installing the cdk CLI (examples/package.json)"
  (cd "$root/examples" && npm ci --no-audit --no-fund --loglevel=error)
fi

cd "$app_dir"
case "$language" in
  python)
    wheel=$(ls -t "$root"/dist/python/cdk_secure_serverless-*.whl 2>/dev/null | head -n 1 || true)
    [ -n "$wheel" ] || { echo "[python] no wheel in dist/python: run npx projen package:languages" >&2; exit 1; }
    # The app's own virtual environment, as a Python team has one: its pinned requirements plus the wheel just built.
    rm -rf .venv
    timed "venv and pip install" bash -c "python3 -m venv .venv && .venv/bin/pip install --quiet --no-input -r requirements-dev.txt '$wheel'"
    export PATH="$app_dir/.venv/bin:$PATH" VIRTUAL_ENV="$app_dir/.venv"
    echo "[python] $(python -c 'import importlib.metadata as m; print("cdk-secure-serverless", m.version("cdk-secure-serverless"), "from", m.distribution("cdk-secure-serverless").locate_file(""))')"
    timed "pytest" python -m pytest -q -p no:cacheprovider --junitxml=test-reports/junit.xml tests
    insecure_app='python3 insecure_app.py'
    insecure_source='insecure_app.py'
    ;;
  java)
    [ -d "$root/dist/java/dev/cdk-secure-serverless" ] || { echo "[java] no jar in dist/java: run npx projen package:languages" >&2; exit 1; }
    # The jar comes from the Maven repository in dist/java (pom.xml names it); drop the copy an earlier run cached.
    rm -rf "$POLYGLOT_M2/dev/cdk-secure-serverless" target
    timed "mvn test (JUnit)" mvn --batch-mode --no-transfer-progress test
    insecure_app='mvn -q compile exec:java -Dexec.mainClass=com.example.orders.InsecureOrdersApp'
    insecure_source='InsecureOrdersApp.java'
    ;;
  go)
    [ -f "$root/dist/go/cdksecureserverless/go.mod" ] || { echo "[go] no module in dist/go: run npx projen package:languages" >&2; exit 1; }
    timed "go vet" go vet ./...
    insecure_app='go run ./insecure'
    insecure_source='insecure/main.go'
    ;;
  *) echo "unknown language: $language (python, java or go)" >&2; exit 2 ;;
esac

rm -rf cdk.out cdk.out.insecure
echo
echo "== [$language] cdk synth: the README quick start (must pass with no open finding) =="
timed "cdk synth (secure)" "$cdk" synth --no-notices --quiet
node -e '
  const { summary } = JSON.parse(require("fs").readFileSync("cdk.out/security-audit.json", "utf8"));
  const [errors, warnings, info] = [summary?.errors, summary?.warnings, summary?.info ?? 0];
  console.log(`[${process.argv[1]}] secure app audit: ${errors} open errors, ${warnings} open warnings, ${info} open info, ${summary?.acknowledged} acknowledged`);
  if (![errors, warnings, info].every(Number.isInteger)) { console.error("security-audit.json has no summary counts"); process.exit(1); }
  if (errors + warnings + info > 0) process.exit(1);
' "$language"
if command -v cfn-lint > /dev/null 2>&1; then
  cfn-lint --format parseable --non-zero-exit-code error -- cdk.out/*.template.json
  echo "[$language] cfn-lint: no errors in the secure app's templates"
else
  echo "[$language] cfn-lint: not installed, skipped"
fi

echo
echo "== [$language] cdk synth: the insecure variant (must fail and list its SLS- findings) =="
log="cdk.out.insecure.log"
set +e
started=$SECONDS
"$cdk" synth --no-notices --quiet --app "$insecure_app" --output cdk.out.insecure > "$log" 2>&1
status=$?
set -e
echo "[$language] cdk synth (insecure): $((SECONDS - started)) s, exit code $status"
grep -E '^(ERROR|WARN|warn|error) |^\s+(error|warn) ' "$log" | head -n 20 || true
if [ "$status" -eq 0 ]; then
  cat "$log"
  echo "[$language] the insecure app synthesized without error; the audit should have failed it" >&2
  exit 1
fi
findings=$(grep -oE 'SLS-[A-Z0-9-]+' "$log" | sort -u | tr '\n' ' ')
if [ -z "$findings" ]; then
  cat "$log"
  echo "[$language] the insecure app failed, but not with audit findings (no SLS- rule ids in the output)" >&2
  exit 1
fi
echo "[$language] the insecure app failed as expected, listing: $findings"
[ -s cdk.out.insecure/security-audit.sarif ] || { echo "[$language] cdk.out.insecure/security-audit.sarif was not written" >&2; exit 1; }
echo "[$language] SARIF written: examples/$language/cdk.out.insecure/security-audit.sarif (source file: $insecure_source)"
