#!/bin/sh
# Starts one nats-server of docker-compose.r3.yml with the JetStream config its version accepts:
# sync_interval (fsync before acknowledging) exists from 2.10 on; 2.9 refuses the field. Both
# configs (with the broker users) are written by docker-compose.yml's broker-auth into /auth.
bin=$(command -v nats-server || echo /nats-server)
conf=/auth/nats-r3.conf
case "$("$bin" --version)" in
  *v2.[0-9].*) conf=/auth/nats-r3-2.9.conf ;;
esac
exec "$bin" -c "$conf" "$@"
