# The operator's image, from a clean checkout (no prebuilt jar, no registry of ours):
#   docker build -t REGISTRY/openstack-snapshot-operator:0.1.0 .
# Stage 1 builds the runnable jar with Maven; stage 2 is a plain JRE with only that jar. Nothing is published from
# this repository (README, "Image"); `mvn -pl operator -am -Pjib package jib:build -Dimage=...` builds the same
# image without Docker.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The reactor needs every module's pom; only the operator and what it depends on are built.
COPY pom.xml ./
COPY cinder-simulator/pom.xml cinder-simulator/
COPY operator/pom.xml operator/
COPY sandbox/pom.xml sandbox/
COPY dist/pom.xml dist/
COPY e2e/pom.xml e2e/
COPY cinder-simulator/src cinder-simulator/src
COPY operator/src operator/src
COPY crds crds
# Tests run in CI (mvn verify), not in the image build; the cache mount keeps ~/.m2 between builds.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl operator -am package -DskipTests

FROM eclipse-temurin:17-jre
COPY --from=build /src/operator/target/openstack-snapshot-operator.jar /opt/openstack-snapshot-operator/operator.jar
# The Deployment runs it as this non-root user (runAsNonRoot, runAsUser/runAsGroup 65532) with a read-only root
# filesystem: the JVM writes only to /tmp, an emptyDir there. DockerfileTest keeps the two in step.
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/openstack-snapshot-operator/operator.jar"]
