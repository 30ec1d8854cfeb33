#!/usr/bin/env bash
# Installs what the tests and the silo need on a fresh Debian machine with the .NET SDK:
# Debian packages (PostgreSQL, the gRPC peers used for interop), and the node packages of test peers.
# Idempotent: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  postgresql            # the embedded database the silo and the tests start
  python3-grpcio        # an independent gRPC implementation (interop peer)
  python3-grpc-tools    # its protoc, to compile the interop protos for it
  python3-protobuf
  fonts-dejavu-core     # the font the pet ID card PDF embeds (PDFsharp finds no system fonts on Linux)
  poppler-utils         # pdftotext, with which the tests read the ID card PDF back
)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node test peers (tests/Interop/node) need node >= 20 (@connectrpc/connect-node 2.1); the machine
# image ships it, Debian's own nodejs (18) is too old, so a missing or old node is an error here.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ] || ! command -v npm >/dev/null; then
  echo "node >= 20 and npm are required for the gRPC interop peers (found node major version $node_major)" >&2
  exit 1
fi

# Node test peers: every package.json under tests/ (outside node_modules) gets its lock-file install.
while IFS= read -r pkg; do
  dir=$(dirname "$pkg")
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    echo "Installing node packages in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done < <(find tests -name package.json -not -path '*/node_modules/*' | sort)
