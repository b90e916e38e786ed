#!/bin/sh
# The fleet CLI inside the FleetPulse image (the repository's ./fleet script builds; this one runs).
exec java ${FLEET_JAVA_OPTS:-} \
  -Dfleet.work.dir=/var/lib/fleet \
  -Djava.io.tmpdir=/var/lib/fleet/tmp \
  -Djava.awt.headless=true \
  -cp '/opt/fleet/lib/*' \
  io.fleetpulse.stack.FleetCli "$@"
