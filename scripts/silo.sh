#!/usr/bin/env bash
# Runs the silo on a fresh Debian machine with the .NET SDK: installs PostgreSQL if missing (the silo runs its
# own server from those binaries unless VETACTORS__Database__ConnectionString is set), then starts the silo.
# Arguments are passed to the silo, e.g. --Silo:ListenUrl=http://127.0.0.1:6080
set -euo pipefail
cd "$(dirname "$0")/.."

has_server() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && return 0
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]
}

if ! has_server; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian's postgresql package (the silo's embedded database)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

# dotnet run starts the silo in its project folder: keep the embedded database at the repository root instead,
# unless the checkout sits where the postgres OS user (which runs the server when we are root) cannot enter.
data_dir="$PWD/.data/postgres"
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$PWD"; then
  data_dir="/var/lib/vetactors/postgres"
  mkdir -p "$(dirname "$data_dir")"
  echo "The postgres user cannot enter $PWD; the embedded database lives in $data_dir"
fi
export VETACTORS__Database__DataDirectory="${VETACTORS__Database__DataDirectory:-$data_dir}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run -c Release --project src/Silo -- "$@"
