#!/usr/bin/env bash
# Copies the screenshots docs/user-guide.md shows from the last journey test run (artifacts/screenshots, written by
# tests/Laobao.Demo.Tests) into docs/images. Run the test first:
#   ./test.sh --filter FullyQualifiedName~Laobao.Demo.Tests      (or: dotnet test tests/Laobao.Demo.Tests)
#   scripts/update-guide-screenshots.sh [folder of screenshots]
set -euo pipefail
cd "$(dirname "$0")/.."
from="${1:-artifacts/screenshots}"   # or the folder given as the first argument
to=docs/images
steps=(
  01-card-login 02-desk-home 03-mobile-accounts 04-terms 05-application-form 06-application-sent 07-mailbox
  09-activated 11-desk-qr 12-app-match-number 13-desk-pick-number 15-app-device-linked 16-app-sign-in
  17-app-home 18-app-coverage 19-app-pension
)
phone=(02-desk-home 05-application-form)

wanted=()
for lang in zh en; do for step in "${steps[@]}"; do wanted+=("journey-$lang-$step.png"); done; done
for step in "${phone[@]}"; do wanted+=("journey-phone-$step.png"); done

missing=0
for file in "${wanted[@]}"; do
  [ -f "$from/$file" ] || { echo "update-guide-screenshots: $from/$file is missing (run the journey test first)" >&2; missing=1; }
done
[ "$missing" -eq 0 ] || exit 1

mkdir -p "$to"
rm -f "$to"/journey-*.png
for file in "${wanted[@]}"; do cp "$from/$file" "$to/$file"; done
echo "update-guide-screenshots: copied ${#wanted[@]} screenshots to $to"
