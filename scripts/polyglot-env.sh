# Sourced by .ci/run and the polyglot scripts: every cache of the Python, Java and Go builds lives inside the clone
# (.cache/, gitignored), so a run reads and writes nothing in the user's home.
polyglot_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PIP_CACHE_DIR="$polyglot_root/.cache/pip"
export PIP_DISABLE_PIP_VERSION_CHECK=1
# Maven: one local repository for jsii-pacmak's build and the Java example (mvn reads MAVEN_OPTS).
export POLYGLOT_M2="$polyglot_root/.cache/m2"
case " ${MAVEN_OPTS:-} " in *" -Dmaven.repo.local="*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$POLYGLOT_M2 -Dstyle.color=never" ;; esac
# Go: module cache, build cache and GOPATH; -modcacherw keeps the module cache deletable (git clean, rm -rf).
export GOPATH="$polyglot_root/.cache/go"
export GOMODCACHE="$polyglot_root/.cache/go/pkg/mod"
export GOCACHE="$polyglot_root/.cache/go-build"
export GOFLAGS="-modcacherw -buildvcs=false"
export GOTOOLCHAIN=local
# The jsii runtime of the Python, Java and Go apps caches the packages it extracts (~600 MB); the cdk CLI keeps its
# notices and fingerprints in CDK_HOME (~/.cdk otherwise).
export JSII_RUNTIME_PACKAGE_CACHE_ROOT="$polyglot_root/.cache/jsii"
export CDK_HOME="$polyglot_root/.cache/cdk-home"
# aws-cdk-lib keeps an asset fingerprint cache in ~/.cdk/cache/fingerprints (the home folder, not configurable): the
# scripts that synthesize apps run them with HOME set to this folder inside the clone.
export POLYGLOT_HOME="$polyglot_root/.cache/home"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
