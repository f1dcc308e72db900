#!/usr/bin/env bash
# Type-checks the library's sources against the lowest aws-cdk-lib its peer range allows (package.json), so the
# library never silently starts to rely on something newer than the floor it promises. Tests run on the dev version.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
floor=$(node -p "require('./package.json').peerDependencies['aws-cdk-lib'].replace(/^[\^~>=]+/, '')")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "peer floor: type-checking src/ against aws-cdk-lib $floor"
(cd "$work" && npm pack --silent "aws-cdk-lib@$floor" > /dev/null && tar -xzf "aws-cdk-lib-$floor.tgz")
mkdir -p "$work/node_modules"
mv "$work/package" "$work/node_modules/aws-cdk-lib"
for dep in "$root"/node_modules/* "$root"/node_modules/@*/*; do
  name=${dep#"$root/node_modules/"}
  [ "$name" = aws-cdk-lib ] && continue
  case "$name" in @*/*) mkdir -p "$work/node_modules/${name%%/*}" ;; @*) continue ;; esac
  ln -s "$dep" "$work/node_modules/$name"
done
cp -r src tsconfig.json "$work/"
(cd "$work" && "$root/node_modules/.bin/tsc" --noEmit -p tsconfig.json)
echo "peer floor: src/ type-checks against aws-cdk-lib $floor"
