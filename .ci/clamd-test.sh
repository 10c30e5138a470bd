#!/usr/bin/env bash
# Runs clamd in the foreground on a unix socket DIR/clamd.sock, with a test signature database only: the official
# databases cannot be downloaded here, and the tests need just the EICAR test string (an .ndb body signature, so it
# is found inside a PDF too). Usage: bash .ci/clamd-test.sh DIR   (the tests' CLAMD_SOCKET is then DIR/clamd.sock)
set -euo pipefail
dir="$1"
mkdir -p "$dir/db"
eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
printf 'Essaim.Test.EICAR:0:*:%s\n' "$(printf '%s' "$eicar" | od -An -tx1 | tr -d ' \n')" > "$dir/db/essaim-test.ndb"
cat > "$dir/clamd.conf" <<CONF
LocalSocket $dir/clamd.sock
LocalSocketMode 666
DatabaseDirectory $dir/db
PidFile $dir/clamd.pid
Foreground yes
LogTime yes
StreamMaxLength 100M
MaxFileSize 100M
MaxScanSize 200M
CONF
exec clamd --config-file="$dir/clamd.conf"
