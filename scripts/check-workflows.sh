#!/usr/bin/env bash
# Checks the GitHub workflows that .projenrc.ts generates, which cannot run here: each file must pass
# action-validator (@action-validator/cli, the workflow schema of GitHub Actions), and together they must build pull
# requests and package every language, release to npm, PyPI, Maven Central, NuGet and the Go module repository, and
# upgrade dependencies. .ci/run must never bump, release or publish.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for workflow in .github/workflows/*.yml; do
  if npx --no-install action-validator "$workflow" > /tmp/action-validator.log 2>&1; then
    echo "valid: $workflow"
  else
    echo "INVALID: $workflow"; cat /tmp/action-validator.log; status=1
  fi
done
expect() { # expect <file> <job or text> <what it is for>
  if grep -qE -- "$2" "$1"; then echo "  $1: $3"; else echo "MISSING in $1: $3 ($2)"; status=1; fi
}
expect .github/workflows/build.yml '^  build:' 'builds and tests every pull request'
for language in java python dotnet go; do
  expect .github/workflows/build.yml "^  package-$language:" "packages $language"
done
expect .github/workflows/release.yml 'npx projen release' 'bumps the version from the conventional commits and writes the changelog'
for target in github npm pypi maven nuget golang; do
  expect .github/workflows/release.yml "^  release_$target:" "publishes to $target"
done
expect .github/workflows/upgrade-main.yml 'npx projen upgrade' 'upgrades dependencies'
if grep -nE --exclude=check-workflows.sh 'projen (release|publish|bump)|publib|npm publish|twine upload|mvn deploy|dotnet nuget push' .ci/run scripts/*.sh; then
  echo ".ci/run or a script it calls can bump or publish: it must not"; status=1
fi
exit $status
