#!/usr/bin/env sh
# Builds the benchmark module (and what it depends on), then runs the suite; arguments go to BenchSuite
# (--help lists them). Run from anywhere; see docs/benchmarks.md.
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -B -pl bench -am package -DskipTests
exec java -Xmx2g -Dlog4j2.configurationFile=bench-log4j2.xml \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.finflow.bench.BenchSuite "$@"
