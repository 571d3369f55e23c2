#!/usr/bin/env bash
# Fetches the Keycloak distribution from Maven Central (org.keycloak:keycloak-quarkus-dist, through the project's
# Maven wrapper), unpacks it once and starts it in development mode on 127.0.0.1 with the "stratum" realm imported.
#   deployment/keycloak/start-keycloak.sh          # http://127.0.0.1:8180, admin console user admin/admin
# Environment: KEYCLOAK_VERSION (default: the pom's keycloak.version), KEYCLOAK_PORT (8180), KEYCLOAK_HOME
# (where to unpack, default target/keycloak-server/), KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD (admin/admin).
# Development mode keeps its data in memory: every start imports stratum-realm.json afresh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

version="${KEYCLOAK_VERSION:-$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -1)}"
port="${KEYCLOAK_PORT:-8180}"
home="${KEYCLOAK_HOME:-$root/target/keycloak-server}"
dist="$home/keycloak-$version"

if [ ! -x "$dist/bin/kc.sh" ]; then
  echo "Fetching org.keycloak:keycloak-quarkus-dist:$version:zip from Maven Central"
  ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" \
    -DoutputDirectory="$home" -Dmdep.overWriteReleases=false
  (cd "$home" && unzip -q -o "keycloak-quarkus-dist-$version.zip")
fi

mkdir -p "$dist/data/import"
cp "$here/stratum-realm.json" "$dist/data/import/stratum-realm.json"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
echo "Keycloak $version on http://127.0.0.1:$port (realm stratum; admin console: $KC_BOOTSTRAP_ADMIN_USERNAME)"
exec "$dist/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" --db=dev-mem --import-realm "$@"
