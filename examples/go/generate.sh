#!/usr/bin/env bash
# Generates the Go code of cexgw.v1 from ../../protos into ./gen (not committed).
#
# protoc-gen-go and protoc-gen-go-grpc are the versions pinned by go.mod's `tool` lines, built
# into ../../.tools/bin. protoc is $PROTOC when set, otherwise the one that grpcio-tools ships,
# from the virtualenv ../../.tools/venv (created here when missing; see examples/python).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="$root/.tools"

if [ -n "${PROTOC:-}" ]; then
  protoc=("$PROTOC")
else
  if ! "$tools/venv/bin/python" -c 'import grpc_tools' 2>/dev/null; then
    python3 -m venv "$tools/venv"
    "$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/examples/python/requirements.txt"
  fi
  protoc=("$tools/venv/bin/python" -m grpc_tools.protoc)
fi

(cd "$here" && GOBIN="$tools/bin" go install tool)

rm -rf "$here/gen"
mkdir -p "$here/gen"
# paths=source_relative writes gen/cexgw/v1/*.pb.go: every file is in the one package
# cexgwv1, so the protos' go_package import path never has to exist.
(cd "$root/protos" && "${protoc[@]}" -I . \
  --plugin=protoc-gen-go="$tools/bin/protoc-gen-go" --go_out="$here/gen" --go_opt=paths=source_relative \
  --plugin=protoc-gen-go-grpc="$tools/bin/protoc-gen-go-grpc" --go-grpc_out="$here/gen" --go-grpc_opt=paths=source_relative \
  cexgw/v1/*.proto)
echo "generated $(ls "$here/gen/cexgw/v1" | wc -l) files into examples/go/gen/cexgw/v1"
