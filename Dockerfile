# syntax=docker/dockerfile:1
# jobgate: build with Maven, run on a distroless Java 17 runtime as a non-root user.
#   docker build -t jobgate:0.1.0 .
#   docker run --rm -p 4646:4646 jobgate:0.1.0 agent -dev

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY conf ./conf
RUN mvn -B -q -DskipTests package

# No shell, no package manager; user 65532 ("nonroot") is built in.
FROM gcr.io/distroless/java17-debian12:nonroot
COPY --from=build /src/target/jobgate.jar /app/jobgate.jar
COPY conf/jobgate.yaml /etc/jobgate/jobgate.yaml
# The heap is 60 % of the container's memory limit: the rest is for metaspace, Netty's direct
# buffers and the kernel's socket memory, which grow with parked connections (~17 KB each in
# all). Out of memory, exit and let the orchestrator restart the agent rather than limp on.
# The root filesystem may be read-only: the JVM and Netty's native transport write under /tmp.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    JOBGATE_BIND_ADDR=0.0.0.0 \
    JOBGATE_DATA_DIR=/data
USER 65532:65532
EXPOSE 4646
ENTRYPOINT ["/usr/bin/java", "-jar", "/app/jobgate.jar"]
CMD ["agent", "-config", "/etc/jobgate/jobgate.yaml"]
