# One image recipe for every Komar JVM: a module's jar and its runtime classpath (target/lib).
# Build the jars first: mvn -DskipTests package. Build context: the repository root.
FROM eclipse-temurin:21-jre
ARG MODULE
ARG MAIN_CLASS
# Debian packages a module needs beside the JVM: vault-service's image takes softhsm2 (its PKCS#11 token).
ARG PACKAGES=""
RUN if [ -n "$PACKAGES" ]; then apt-get update && apt-get install -y --no-install-recommends $PACKAGES \
      && rm -rf /var/lib/apt/lists/*; fi
WORKDIR /app
COPY ${MODULE}/target/lib/ /app/lib/
COPY ${MODULE}/target/*.jar /app/
ENV MAIN_CLASS=${MAIN_CLASS} \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC"
USER 10001
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp \"$(ls /app/*.jar | head -1):/app/lib/*\" \"$MAIN_CLASS\""]
