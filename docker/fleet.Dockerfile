# The FleetPulse JVM image: the `fleet` CLI with every module on its classpath. docker-compose.yml
# runs the topic/table provisioning, the fleet simulator and model-serving from it.
#   docker build -f docker/fleet.Dockerfile -t fleetpulse/fleet:0.1.0-SNAPSHOT .
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests -Dspotless.check.skip -pl local-stack -am package \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/opt/fleet/lib \
 && cp local-stack/target/local-stack-*.jar /opt/fleet/lib/

FROM eclipse-temurin:17.0.13_11-jre
COPY --from=build /opt/fleet/lib /opt/fleet/lib
COPY docker/fleet.sh /usr/local/bin/fleet
RUN chmod 755 /usr/local/bin/fleet && mkdir -p /var/lib/fleet/tmp
ENTRYPOINT ["/usr/local/bin/fleet"]
CMD ["--help"]
