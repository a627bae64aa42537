package dev.tracekit.viewer;

import org.openjdk.jol.info.GraphLayout;

/**
 * What an object graph retains on the heap, measured by walking the real objects (JOL): the size
 * of everything reachable from it, less what is reachable from objects it shares with the rest of
 * the application (the tracer provider's resource, enum constants, empty collections).
 */
final class RetainedMemory {

	static {
		// Field offsets of records (KeptSpan.Event) cannot be asked of Unsafe; JOL works them out.
		System.setProperty("jol.magicFieldOffset", "true");
	}

	private RetainedMemory() {
	}

	static long of(Object root, Object... shared) {
		Object[] all = new Object[shared.length + 1];
		all[0] = root;
		System.arraycopy(shared, 0, all, 1, shared.length);
		// Two walks, each consistent in itself: objects may move between them, identities do not.
		return GraphLayout.parseInstance(all).totalSize() - GraphLayout.parseInstance(shared).totalSize();
	}

}
