#!/usr/bin/env bash
# Rewrites PublicAPI.Unshipped.txt of every library that tracks its public API (TrackPublicApi in its csproj) from the
# code as it is now, through the PublicApiAnalyzers' own code fix. Review the diff like code before committing it.
# Usage: scripts/public-api.sh            (every tracked library)
#        scripts/public-api.sh consumer   (the libraries in these folders)
set -euo pipefail
cd "$(dirname "$0")/.."
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
  mapfile -t folders < <(grep -l '<TrackPublicApi>true</TrackPublicApi>' ./*/*.csproj | xargs -n1 dirname | sed 's|^\./||')
fi
for folder in "${folders[@]}"; do
  printf '#nullable enable\n' > "$folder/PublicAPI.Unshipped.txt"
done
for folder in "${folders[@]}"; do
  project=$(ls "$folder"/*.csproj)
  echo "listing $project"
  dotnet format analyzers "$project" --diagnostics RS0016 RS0037 --severity warn >/dev/null
done
git --no-pager diff --stat -- '*/PublicAPI.*.txt'
