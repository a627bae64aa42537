#!/usr/bin/env bash
# Builds the project, then runs every benchmark group once: per-call cost, export throughput and
# startup, and delivery against the SDK's and Spring Boot's pipelines. Results, and what the machine was doing, go to benchmarks/target/results/.
# Any argument is passed to both JMH runs (for example -prof gc, or -p sampler=always_off).
set -euo pipefail
cd "$(dirname "$0")/.."
results=benchmarks/target/results
./mvnw -B -ntp -q package -DskipTests
mkdir -p "$results"
{
	echo "nproc: $(nproc)"
	java -version 2>&1
	echo "before: $(uptime)"
} > "$results/machine.txt"
started=$(date +%s)
java -jar benchmarks/target/benchmarks.jar PerCallBenchmark -rf json -rff "$results/per-call.json" "$@" \
	| tee "$results/per-call.txt"
echo "after per-call: $(uptime)" >> "$results/machine.txt"
java -jar benchmarks/target/benchmarks.jar ExportThroughputBenchmark -rf json -rff "$results/export-throughput.json" "$@" \
	| tee "$results/export-throughput.txt"
echo "after export throughput: $(uptime)" >> "$results/machine.txt"
java -cp benchmarks/target/benchmarks.jar dev.tracekit.benchmarks.StartupBenchmark | tee "$results/startup.txt"
echo "after startup: $(uptime)" >> "$results/machine.txt"
java -cp benchmarks/target/benchmarks.jar dev.tracekit.benchmarks.DeliveryBenchmark | tee "$results/delivery.txt"
echo "after delivery: $(uptime)" >> "$results/machine.txt"
echo "benchmarks took $(( $(date +%s) - started )) s" | tee -a "$results/machine.txt"
