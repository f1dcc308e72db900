#!/usr/bin/env bash
# Prints the size of every package this repository builds (dist/js, dist/python, dist/java, dist/go) and fails when
# one is larger than 20 MB: the library is about 2 MB, so anything bigger packed something outside lib/ (a virtual
# environment, a cache) — see the package ignores in .projenrc.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=$((20 * 1024 * 1024))
status=0
report() { # report <label> <path>
  [ -e "$2" ] || return 0
  local bytes
  bytes=$(du -sb "$2" | cut -f1)
  awk -v b="$bytes" -v l="$1" -v p="$2" 'BEGIN { printf "  %-28s %8.1f MB  %s\n", l, b / 1048576, p }'
  if [ "$bytes" -gt "$limit" ]; then echo "  TOO LARGE (> 20 MB): $2"; status=1; fi
}
echo "Package sizes:"
for f in dist/js/*.tgz; do report 'npm tarball' "$f"; done
for f in dist/python/*.whl; do report 'Python wheel' "$f"; done
for f in dist/python/*.tar.gz; do report 'Python sdist' "$f"; done
for f in dist/java/dev/cdk-secure-serverless/cdk-secure-serverless/*/cdk-secure-serverless-*[0-9].jar; do report 'Java jar' "$f"; done
report 'Go module (source)' dist/go/cdksecureserverless
exit $status
