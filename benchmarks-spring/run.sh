#!/usr/bin/env bash
# A Spring MVC request traced by obskit's ObservationHandler vs Micrometer Tracing's OpenTelemetry
# bridge vs no tracer (SpringMvcRequestBenchmark). Builds the module, then runs JMH on its class
# path; extra arguments go to JMH (for example: -f 2 -i 10). Compare rows of the same run: on a
# busy machine absolute numbers move, the ratio much less.
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run, so that the obskit modules resolve to the jars it just built.
./mvnw -q -pl benchmarks-spring -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
cp=benchmarks-spring/target/classes:$(cat benchmarks-spring/target/classpath.txt)
mkdir -p benchmarks-spring/results
exec java -cp "$cp" org.openjdk.jmh.Main SpringMvcRequestBenchmark -rf json \
  -rff benchmarks-spring/results/spring-mvc-request.json "$@"
