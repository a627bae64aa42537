#!/usr/bin/env bash
# Times the clinic suite (integration-tests, dev.tracekit.clinic.ClinicSuite: a @SpringBootTest
# class, a @WebMvcTest slice, the first context again) with tracekit on the class path and
# without it, alternating, each run in a fresh JVM. The tests that only run with tracekit (tag
# tracing-check) are left out of both, so both runs execute the same tests; with tracekit the
# suite still records every request and exports it to the OTLP receiver the suite starts.
# By default the suite runs as tests run unless they opt in to export: network exporters off
# (clinic.export=false); CLINIC_EXPORT=true times it with its OTLP export to the receiver on.
# Usage: [CLINIC_EXPORT=true] benchmarks/clinic-suite-overhead.sh [rounds]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
results=benchmarks/target/results
mkdir -p "$results"
./mvnw -B -ntp -q -pl integration-tests -am test-compile dependency:build-classpath \
	-Dmdep.outputFile="$PWD/$results/clinic-classpath.txt" -Dmdep.includeScope=test
./mvnw -B -ntp -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:6.0.3 -Dtransitive=false
launcher=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/6.0.3/junit-platform-console-standalone-6.0.3.jar
all="$PWD/integration-tests/target/test-classes:$(cat "$results/clinic-classpath.txt")"
# The class paths of the pom's two clinic-suite executions, from the same without.* lists: without
# the actuator, OpenTelemetry starter, metrics and WebFlux that only the coexistence tests use, and
# the baseline also without tracekit's starter and what only it brings. The OTLP receiver (the
# autoconfigure test-jar) stays in both.
pattern() {
	local list
	list=$(sed -n "s|.*<without\.$1>\(.*\)</without\.$1>.*|\1|p" integration-tests/pom.xml)
	tr ',' '\n' <<< "$list" | awk -F: '{ g = $1; gsub(/\./, "/", g); print "/" g "/" $2 "/[^/]+/" $2 "-[^/]*[0-9T]\\.jar$" }' | paste -sd'|' -
}
drop() { tr ':' '\n' <<< "$1" | grep -v -E "$2" | paste -sd: -; }
with=$(drop "$all" "$(pattern actuator)|$(pattern opentelemetry-starter)|$(pattern metrics)|$(pattern webflux)")
# In this reactor build tracekit's own modules are class directories rather than jars.
without=$(drop "$with" "$(pattern tracekit)|/autoconfigure/target/classes$|/starter/target/classes$")
# Prints the run's wall-clock and CPU (user + system) time in ms. CPU time is what tracekit adds
# to the machine's work; wall-clock time is what a developer waits, and moves with the load of
# anything else running on the machine (see the uptime lines).
run() {
	local classpath=$1
	/usr/bin/time -f "%e %U %S" -o "$results/clinic-time.txt" \
		java -Dclinic.export="${CLINIC_EXPORT:-false}" -jar "$launcher" execute --class-path "$classpath" --select-class dev.tracekit.clinic.ClinicSuite \
		--exclude-tag tracing-check --disable-banner --details=summary > "$results/clinic-last-run.txt" 2>&1 \
		|| { cat "$results/clinic-last-run.txt"; exit 1; }
	grep -q "6 tests successful" "$results/clinic-last-run.txt" || { cat "$results/clinic-last-run.txt"; exit 1; }
	awk '{ printf "wall %d ms, cpu %d ms", $1 * 1000, ($2 + $3) * 1000 }' "$results/clinic-time.txt"
}
# One unrecorded run each, to warm the file system cache.
run "$with" > /dev/null
run "$without" > /dev/null
{
	echo "clinic.export=${CLINIC_EXPORT:-false}"
	echo "before: $(uptime)"
	for round in $(seq "$rounds"); do
		echo "round $round: with tracekit: $(run "$with"); without: $(run "$without")"
	done
	echo "after: $(uptime)"
} | tee "$results/clinic-suite-overhead.txt"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# Fields of a round line: 6 wall with, 9 cpu with, 13 wall without, 16 cpu without.
for measure in "wall 6 13" "cpu 9 16"; do
	set -- $measure
	w=$(awk -v f="$2" '/^round/ { print $f }' "$results/clinic-suite-overhead.txt" | median)
	o=$(awk -v f="$3" '/^round/ { print $f }' "$results/clinic-suite-overhead.txt" | median)
	echo "median $1: with tracekit $w ms, without $o ms, ratio $(awk -v w="$w" -v o="$o" 'BEGIN { printf "%.3f", w / o }')"
done | tee -a "$results/clinic-suite-overhead.txt"
