#!/bin/sh
# Builds the system-mode test kernel: build.sh OUT
set -e
here=$(dirname "$0")
CFLAGS="-ffreestanding -nostdlib -static -mno-red-zone -O2 -fno-pic -fno-pie -no-pie -fno-stack-protector -mgeneral-regs-only -mcmodel=large -fno-asynchronous-unwind-tables -Wall -Wno-main"
gcc $CFLAGS -T "$here/kernel.ld" -Wl,--build-id=none -o "$1" "$here/start.S" "$here/guest.c" "$here/cases.c"
