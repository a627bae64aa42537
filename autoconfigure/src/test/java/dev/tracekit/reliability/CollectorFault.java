package dev.tracekit.reliability;

import java.time.Duration;

import dev.tracekit.testing.OtlpTestReceiver.Fault;

/** The ways a collector misbehaves in these tests, each with its cure. */
enum CollectorFault {

	/** The receiver's servers are stopped: connections are refused. */
	DOWN {
		@Override
		void inject(FaultyCollector collector) {
			collector.receiver.stop();
		}

		@Override
		void heal(FaultyCollector collector) {
			collector.receiver.restart();
		}
	},

	/** Every answer comes four times later than the exporter waits. */
	SLOW {
		@Override
		void inject(FaultyCollector collector) {
			collector.delay(FaultWindow.EXPORTER_TIMEOUT.multipliedBy(4));
		}

		@Override
		void heal(FaultyCollector collector) {
			collector.delay(Duration.ZERO);
		}
	},

	/** gRPC UNAVAILABLE, HTTP 503: the collector is overloaded; the exporter retries. */
	UNAVAILABLE {
		@Override
		void inject(FaultyCollector collector) {
			collector.receiver.setFault(Fault.UNAVAILABLE);
		}

		@Override
		void heal(FaultyCollector collector) {
			collector.receiver.setFault(Fault.NONE);
		}
	},

	/** gRPC UNAUTHENTICATED, HTTP 401: the API key was revoked. */
	REJECTING_CREDENTIALS {
		@Override
		void inject(FaultyCollector collector) {
			collector.receiver.setFault(Fault.UNAUTHENTICATED);
		}

		@Override
		void heal(FaultyCollector collector) {
			collector.receiver.setFault(Fault.NONE);
		}
	},

	/** Connections are reset once the exporter has written its request, before any answer. */
	CUTTING_CONNECTIONS {
		@Override
		boolean needsProxy() {
			return true;
		}

		@Override
		void inject(FaultyCollector collector) {
			collector.setCutting(true);
		}

		@Override
		void heal(FaultyCollector collector) {
			collector.setCutting(false);
		}
	};

	abstract void inject(FaultyCollector collector);

	abstract void heal(FaultyCollector collector);

	boolean needsProxy() {
		return false;
	}

}
