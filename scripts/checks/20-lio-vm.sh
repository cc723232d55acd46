#!/usr/bin/env bash
# lio-configfs against a real kernel (qemu guest) and a real initiator (libiscsi): issue 4.
exec bash "$(dirname "$0")/../lio-vm-test.sh"
