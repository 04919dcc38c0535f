# The operator's image: `mvn -B -q -pl operator -am package -DskipTests && docker build -t openstack-snapshot-operator .`
FROM eclipse-temurin:17-jre
COPY operator/target/openstack-snapshot-operator.jar /opt/openstack-snapshot-operator/operator.jar
# The Deployment runs it as this non-root user with a read-only root filesystem (/tmp is an emptyDir).
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/openstack-snapshot-operator/operator.jar"]
