package dev.tracekit.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * One exporter's spool: spans it could not deliver, kept in files in a directory and replayed,
 * oldest first and at a bounded rate, once the exporter succeeds again.
 *
 * <p>
 * Nothing here makes its caller wait for the disk: {@link #offer} puts spans in a bounded buffer that
 * a writer thread empties into files, and a replay thread reads them back. Each file holds one batch
 * and is written under a temporary name, then renamed, so a complete file never looks half-written;
 * its name carries its creation time, its span count and the run that wrote it, which is what lets
 * the budget and age limits count exactly the spans they delete without reading the file. A file is
 * claimed for replay by renaming it to a name of the claiming run: of two processes sharing the
 * directory only one rename succeeds. Each run holds a lock on its own lock file for as long as it
 * lives; the operating system drops that lock when the process dies (even by {@code kill -9}), which
 * is how a later run tells a dead run's claimed and half-written files from a live one's and takes
 * them over.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class SpanSpool {

	/** The smallest disk budget accepted. */
	static final long MIN_SIZE = 64 * 1024;

	private static final Log logger = LogFactory.getLog(SpanSpool.class);

	private static final String SUFFIX = ".spool";

	private static final String WRITING = ".tmp";

	private static final String REPLAYING = ".replaying";

	private static final String LOCK_PREFIX = "run-";

	private static final String LOCK_SUFFIX = ".lock";

	// <created millis>-<sequence>-<span count>-<run>.spool
	private static final Pattern NAME = Pattern.compile("(\\d{13})-(\\d{9})-(\\d+)-([0-9a-f]{8})\\.spool");

	private static final int MAX_SPANS_PER_FILE = 2048;

	private static final int BUFFER_CAPACITY = 65_536;

	private static final Duration WRITE_INTERVAL = Duration.ofMillis(100);

	private static final Duration RESCAN_INTERVAL = Duration.ofSeconds(5);

	private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

	private final String exporterName;

	private final Path directory;

	private final long maxBytes;

	private final Duration maxAge;

	private final int replayRate;

	private final Duration exportTimeout;

	private final String run = String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt());

	private final SpoolStatistics statistics;

	private final ConcurrentSkipListMap<String, SpoolFile> files = new ConcurrentSkipListMap<>();

	private final BlockingQueue<SpanData> buffer = new ArrayBlockingQueue<>(BUFFER_CAPACITY);

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicBoolean corruptWarned = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Object writeLock = new Object();

	private final SpoolCodec writerCodec = new SpoolCodec();

	private volatile boolean outage;

	private volatile long nextReplayAttempt;

	private @Nullable FileChannel lockChannel;

	private @Nullable FileLock runLock;

	private @Nullable Thread writer;

	private @Nullable Thread replayer;

	private SpanSpool(String exporterName, Path directory, SpoolProperties properties, Duration exportTimeout,
			boolean available) {
		this.exporterName = exporterName;
		this.directory = directory;
		this.maxBytes = properties.getMaxSize().toBytes();
		this.maxAge = properties.getMaxAge();
		this.replayRate = properties.getReplayRate();
		this.exportTimeout = exportTimeout;
		this.statistics = new SpoolStatistics(available);
	}

	/**
	 * Whether the spool's file format is on the classpath:
	 * {@code io.opentelemetry.contrib:opentelemetry-disk-buffering} and the classes of its protobuf
	 * runtime, {@code com.squareup.wire:wire-runtime-jvm}.
	 */
	public static boolean codecPresent() {
		try {
			Class.forName("io.opentelemetry.contrib.disk.buffering.internal.serialization.serializers.SignalSerializer",
					false, SpanSpool.class.getClassLoader());
			Class.forName("com.squareup.wire.ProtoAdapter", false, SpanSpool.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Opens an exporter's spool directory, taking over what dead runs left in it. If the directory
	 * cannot be written, says so in one WARN and returns a spool that takes nothing, so the exporter
	 * behaves as without one.
	 * @param exporterName the exporter's name, for logs
	 * @param properties the exporter's spool settings
	 * @param exportTimeout the exporter's timeout: how long a replayed export is waited for once the
	 * spool closes
	 * @return the spool, not yet replaying (see {@link #start})
	 */
	public static SpanSpool open(String exporterName, SpoolProperties properties, Duration exportTimeout) {
		Path directory = properties.effectiveDirectory(exporterName).toAbsolutePath();
		SpanSpool spool = new SpanSpool(exporterName, directory, properties, exportTimeout, true);
		try {
			spool.lockRun();
		}
		catch (IOException | RuntimeException ex) {
			spool.statistics.unavailable();
			logger.warn("tracekit: exporter '" + exporterName + "' cannot spool to " + directory + " (" + describe(ex)
					+ "). The spool is off: spans that cannot be exported are dropped and counted, as without one.");
			return spool;
		}
		spool.recover();
		return spool;
	}

	private void lockRun() throws IOException {
		Files.createDirectories(this.directory);
		Path lockFile = this.directory.resolve(LOCK_PREFIX + this.run + LOCK_SUFFIX);
		FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		try {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new IOException("cannot lock " + lockFile);
			}
			this.lockChannel = channel;
			this.runLock = lock;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			Files.deleteIfExists(lockFile);
			throw ex;
		}
	}

	/** Takes over the files of runs that ended, then indexes every spool file of the directory. */
	private void recover() {
		Set<String> liveRuns = new HashSet<>();
		liveRuns.add(this.run);
		for (Path lockFile : list(LOCK_PREFIX + "*" + LOCK_SUFFIX)) {
			String name = lockFile.getFileName().toString();
			String other = name.substring(LOCK_PREFIX.length(), name.length() - LOCK_SUFFIX.length());
			if (other.equals(this.run)) {
				continue;
			}
			if (isDead(lockFile)) {
				deleteQuietly(lockFile);
			}
			else {
				liveRuns.add(other);
			}
		}
		// <spool file name>.<run>.replaying: claimed by a run that ended before its replay did.
		for (Path claimed : list("*" + SUFFIX + ".*" + REPLAYING)) {
			String name = claimed.getFileName().toString();
			String withoutSuffix = name.substring(0, name.length() - REPLAYING.length());
			int dot = withoutSuffix.lastIndexOf('.');
			if (!liveRuns.contains(withoutSuffix.substring(dot + 1))) {
				moveQuietly(claimed, withoutSuffix.substring(0, dot));
			}
		}
		// <spool file name>.tmp: being written when its run ended, possibly cut short; its header tells.
		for (Path unfinished : list("*" + SUFFIX + WRITING)) {
			String name = unfinished.getFileName().toString();
			String original = name.substring(0, name.length() - WRITING.length());
			Matcher matcher = NAME.matcher(original);
			if (!matcher.matches() || !liveRuns.contains(matcher.group(4))) {
				moveQuietly(unfinished, original);
			}
		}
		rescan();
	}

	private static boolean isDead(Path lockFile) {
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return false;
			}
			lock.release();
			return true;
		}
		catch (OverlappingFileLockException ex) {
			// Held by another spool of this JVM.
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Indexes the directory's spool files, including those other processes wrote since. */
	private void rescan() {
		List<String> present = new ArrayList<>();
		for (Path path : list("*" + SUFFIX)) {
			String name = path.getFileName().toString();
			present.add(name);
			if (this.files.containsKey(name)) {
				continue;
			}
			SpoolFile file = SpoolFile.parse(path);
			if (file == null) {
				if (deleteQuietly(path)) {
					corrupt(name, 0, "its name is not that of a spool file");
				}
				continue;
			}
			this.files.putIfAbsent(name, file);
		}
		this.files.keySet().retainAll(present);
		updatePending();
	}

	/**
	 * Starts writing and replaying.
	 * @param target where replayed spans go: the exporter, counted as its own exports are
	 */
	public void start(SpanExporter target) {
		if (!this.statistics.available() && this.files.isEmpty()) {
			return;
		}
		Thread writer = new Thread(this::write, "tracekit-spool-writer-" + this.exporterName);
		writer.setDaemon(true);
		Thread replayer = new Thread(() -> replay(target), "tracekit-spool-replay-" + this.exporterName);
		replayer.setDaemon(true);
		this.writer = writer;
		this.replayer = replayer;
		writer.start();
		replayer.start();
	}

	/** Where the spool keeps its files, and its limits, for reports. */
	public String describe() {
		return "spool " + this.directory + " (max-size " + size(this.maxBytes) + ", max-age "
				+ this.maxAge.toString().substring(2).toLowerCase(Locale.ROOT) + ")"
				+ (this.statistics.available() ? "" : " unavailable");
	}

	private static String size(long bytes) {
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return DataSize.ofBytes(bytes).toMegabytes() + "MB";
		}
		return (bytes % 1024 == 0) ? DataSize.ofBytes(bytes).toKilobytes() + "KB" : bytes + "B";
	}

	public SpoolStatistics statistics() {
		return this.statistics;
	}

	/** Whether the spool takes spans: its directory is writable and it is not closed. */
	public boolean accepting() {
		return this.statistics.available() && !this.closed.get();
	}

	/**
	 * Whether the exporter is failing: then new spans go straight to the spool rather than to an
	 * exporter that fails them, until a replay or an export succeeds.
	 */
	public boolean outage() {
		return this.outage && accepting();
	}

	/** An export failed: spans go to the spool until one succeeds. */
	public void exportFailed() {
		if (!this.outage) {
			this.nextReplayAttempt = System.nanoTime() + RETRY_INTERVAL.toNanos();
			this.outage = true;
		}
	}

	/** An export succeeded: the collector answers. */
	public void exportSucceeded() {
		this.outage = false;
	}

	/** Whether the in-memory buffer has room for this many spans now, checked before copying them. */
	public boolean hasRoom(int spans) {
		return accepting() && this.buffer.remainingCapacity() >= spans;
	}

	/**
	 * Hands spans to the spool without waiting: they are written by its own thread.
	 * @param spans the spans
	 * @param lastChance whether spans not taken are lost (and so counted as refused); otherwise the
	 * caller keeps them
	 * @return whether the spool took them; a batch that does not fit whole is refused whole
	 */
	public boolean offer(Collection<SpanData> spans, boolean lastChance) {
		if (!accepting()) {
			return false;
		}
		if (this.buffer.remainingCapacity() < spans.size()) {
			if (lastChance) {
				this.statistics.recordRefused(spans.size());
			}
			return false;
		}
		int taken = 0;
		for (SpanData span : spans) {
			if (!this.buffer.offer(span)) {
				break;
			}
			taken++;
		}
		if (taken < spans.size()) {
			// Another thread filled the buffer meanwhile; those taken are written, the rest are lost.
			this.statistics.recordRefused(spans.size() - taken);
		}
		return true;
	}

	private void write() {
		long lastScan = System.nanoTime();
		while (!this.closed.get()) {
			LockSupport.parkNanos(WRITE_INTERVAL.toNanos());
			writeBuffered();
			expire();
			if (System.nanoTime() - lastScan > RESCAN_INTERVAL.toNanos()) {
				rescan();
				lastScan = System.nanoTime();
			}
		}
	}

	private void writeBuffered() {
		synchronized (this.writeLock) {
			List<SpanData> batch = new ArrayList<>();
			while (this.buffer.drainTo(batch, MAX_SPANS_PER_FILE) > 0) {
				if (this.statistics.available()) {
					writeFile(batch);
				}
				else {
					this.statistics.recordRefused(batch.size());
				}
				batch.clear();
			}
		}
	}

	private void writeFile(List<SpanData> spans) {
		// Named after its oldest span, so that oldest first (replay, budget, age) is by the spans' age.
		long created = System.currentTimeMillis();
		for (SpanData span : spans) {
			created = Math.min(created, TimeUnit.NANOSECONDS.toMillis(span.getEndEpochNanos()));
		}
		String name = String.format(Locale.ROOT, "%013d-%09d-%d-%s%s", created, this.sequence.incrementAndGet(),
				spans.size(), this.run, SUFFIX);
		Path target = this.directory.resolve(name);
		Path partial = this.directory.resolve(name + WRITING);
		try {
			byte[] bytes = this.writerCodec.encode(spans);
			Files.write(partial, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			move(partial, target);
			this.files.put(name, new SpoolFile(target, created, spans.size(), bytes.length));
			this.statistics.recordSpooled(spans.size());
			enforceBudget();
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			deleteQuietly(partial);
			this.statistics.recordRefused(spans.size());
			this.statistics.unavailable();
			logger.warn("tracekit: exporter '" + this.exporterName + "' cannot write its spool in " + this.directory
					+ " (" + describe(ex) + "). The spool is off until restart: spans that cannot be exported are"
					+ " dropped and counted, as without one; the files already spooled are still replayed.");
		}
	}

	/** Deletes the oldest files while the spool is over its budget, counting their spans. */
	private void enforceBudget() {
		long bytes = this.files.values().stream().mapToLong(SpoolFile::bytes).sum();
		while (bytes > this.maxBytes) {
			Map.Entry<String, SpoolFile> oldest = this.files.pollFirstEntry();
			if (oldest == null) {
				break;
			}
			bytes -= oldest.getValue().bytes();
			if (deleteQuietly(oldest.getValue().path())) {
				this.statistics.recordExpired(oldest.getValue().spans());
			}
		}
		updatePending();
	}

	/** Deletes files past the maximum age, counting their spans. */
	private void expire() {
		long oldestKept = System.currentTimeMillis() - this.maxAge.toMillis();
		for (SpoolFile file : this.files.values()) {
			if (file.created() >= oldestKept) {
				break;
			}
			if (this.files.remove(file.path().getFileName().toString(), file) && deleteQuietly(file.path())) {
				this.statistics.recordExpired(file.spans());
			}
		}
		updatePending();
	}

	private void updatePending() {
		long spans = 0;
		long bytes = 0;
		for (SpoolFile file : this.files.values()) {
			spans += file.spans();
			bytes += file.bytes();
		}
		this.statistics.pending(spans, bytes);
	}

	private void replay(SpanExporter target) {
		SpoolCodec codec = new SpoolCodec();
		while (!this.closed.get()) {
			long wait = this.nextReplayAttempt - System.nanoTime();
			if ((this.outage && wait > 0) || this.files.isEmpty()) {
				LockSupport.parkNanos((this.outage && wait > 0) ? Math.min(wait, WRITE_INTERVAL.toNanos())
						: WRITE_INTERVAL.toNanos());
				continue;
			}
			// The oldest files, together up to one export's worth: many small files make few requests.
			List<Claim> claims = new ArrayList<>();
			List<SpanData> spans = new ArrayList<>();
			while (spans.size() < MAX_SPANS_PER_FILE) {
				Map.Entry<String, SpoolFile> oldest = this.files.firstEntry();
				if (oldest == null) {
					break;
				}
				Claim claim = claim(oldest.getKey(), oldest.getValue());
				if (claim == null) {
					continue;
				}
				ReadOutcome read = read(codec, claim);
				if (read == ReadOutcome.UNREADABLE) {
					break;
				}
				if (read == ReadOutcome.READ) {
					claims.add(claim);
					spans.addAll(claim.spans);
				}
			}
			updatePending();
			if (!claims.isEmpty()) {
				int sent = replay(target, spans, claims);
				if (sent > 0) {
					// The rate bound: these spans spread over the time the rate gives them.
					LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(sent) / this.replayRate);
				}
			}
		}
	}

	/** Takes a file for this run by renaming it; null if another process or the budget took it first. */
	private @Nullable Claim claim(String name, SpoolFile file) {
		if (!this.files.remove(name, file)) {
			return null;
		}
		Path claimed = file.path().resolveSibling(name + "." + this.run + REPLAYING);
		try {
			move(file.path(), claimed);
			return new Claim(file, claimed);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private ReadOutcome read(SpoolCodec codec, Claim claim) {
		SpoolFile file = claim.file;
		try {
			claim.spans = codec.decode(Files.readAllBytes(claim.path));
		}
		catch (IOException | LinkageError ex) {
			unclaim(claim);
			this.nextReplayAttempt = System.nanoTime() + RETRY_INTERVAL.toNanos();
			return ReadOutcome.UNREADABLE;
		}
		catch (SpoolCodec.CorruptFileException ex) {
			deleteQuietly(claim.path);
			corrupt(file.path().getFileName().toString(), file.spans(), ex.getMessage());
			return ReadOutcome.SKIPPED;
		}
		if (file.created() < System.currentTimeMillis() - this.maxAge.toMillis()) {
			deleteQuietly(claim.path);
			this.statistics.recordExpired(file.spans());
			return ReadOutcome.SKIPPED;
		}
		return ReadOutcome.READ;
	}

	private int replay(SpanExporter target, List<SpanData> spans, List<Claim> claims) {
		CompletableResultCode result = target.export(spans);
		// The outcome, however long the exporter takes (its own timeout bounds it): files sent again
		// while their first export may still succeed would be delivered twice.
		long limit = System.nanoTime() + this.exportTimeout.plusSeconds(1).toNanos();
		while (!result.isDone() && !(this.closed.get() && System.nanoTime() > limit)) {
			result.join(WRITE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		}
		if (!result.isDone()) {
			// Closing with the outcome unknown: left claimed, so the next run sends them (perhaps again).
			return 0;
		}
		if (result.isSuccess()) {
			claims.forEach((claim) -> deleteQuietly(claim.path));
			this.statistics.recordReplayed(spans.size());
			exportSucceeded();
			return spans.size();
		}
		// Back where they were, so the next attempt (here or in another process) starts with them again.
		claims.forEach(this::unclaim);
		this.nextReplayAttempt = System.nanoTime() + RETRY_INTERVAL.toNanos();
		this.outage = true;
		return 0;
	}

	private void unclaim(Claim claim) {
		try {
			move(claim.path, claim.file.path());
			this.files.put(claim.file.path().getFileName().toString(), claim.file);
		}
		catch (IOException ex) {
			// Left under this run's name; the next run takes it over once this one has ended.
		}
		updatePending();
	}

	private void corrupt(String name, long spans, @Nullable String reason) {
		this.statistics.recordCorrupt(spans);
		long count = this.statistics.corruptFiles();
		// The first one names the file; later ones at powers of two, so a storm stays a few lines.
		if (this.corruptWarned.compareAndSet(false, true) || Long.bitCount(count) == 1) {
			logger.warn("tracekit: exporter '" + this.exporterName + "' skipped the spool file " + name + " in "
					+ this.directory + ": " + reason + ". It was deleted; its " + spans + " span"
					+ ((spans == 1) ? " is" : "s are") + " counted as corrupt (" + count + " such file"
					+ ((count == 1) ? "" : "s") + " so far).");
		}
	}

	/**
	 * Writes what is still in memory to files and stops writing and replaying. Files not yet
	 * replayed stay for the next run.
	 * @param timeout how long to wait for a replay under way
	 */
	public void close(Duration timeout) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		join(this.writer, deadline);
		writeBuffered();
		join(this.replayer, deadline);
		try {
			if (this.runLock != null) {
				this.runLock.release();
			}
			if (this.lockChannel != null) {
				this.lockChannel.close();
			}
			if (this.statistics.available() || this.runLock != null) {
				Files.deleteIfExists(this.directory.resolve(LOCK_PREFIX + this.run + LOCK_SUFFIX));
			}
		}
		catch (IOException ex) {
			// The next run sees the lock file unlocked and deletes it.
		}
	}

	private static void join(@Nullable Thread thread, long deadline) {
		if (thread == null) {
			return;
		}
		try {
			thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private List<Path> list(String glob) {
		List<Path> paths = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.directory, glob)) {
			stream.forEach(paths::add);
		}
		catch (IOException ex) {
			// An unreadable directory lists nothing; writing to it says why.
		}
		return paths;
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			// Same directory: a plain rename is atomic wherever an atomic move is not offered.
			Files.move(from, to);
		}
	}

	private static void moveQuietly(Path from, String toName) {
		try {
			move(from, from.resolveSibling(toName));
		}
		catch (IOException ex) {
			// Another run took it over first.
		}
	}

	private static boolean deleteQuietly(Path path) {
		try {
			return Files.deleteIfExists(path);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String describe(Throwable ex) {
		return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
	}

	@Override
	public String toString() {
		return describe();
	}

	/** A file this run renamed to its own name, and once read, its spans. */
	private static final class Claim {

		final SpoolFile file;

		final Path path;

		List<SpanData> spans = List.of();

		Claim(SpoolFile file, Path path) {
			this.file = file;
			this.path = path;
		}

	}

	private enum ReadOutcome {

		/** Its spans are read. */
		READ,
		/** Corrupt or expired: deleted and counted. */
		SKIPPED,
		/** Not readable now: given back. */
		UNREADABLE

	}

	/**
	 * A spool file, as its name describes it.
	 * @param path where it is
	 * @param created when its oldest span ended, in epoch milliseconds
	 * @param spans how many spans it holds
	 * @param bytes its size
	 */
	record SpoolFile(Path path, long created, int spans, long bytes) {

		static @Nullable SpoolFile parse(Path path) {
			Matcher matcher = NAME.matcher(path.getFileName().toString());
			if (!matcher.matches()) {
				return null;
			}
			try {
				return new SpoolFile(path, Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(3)),
						Files.size(path));
			}
			catch (IOException | NumberFormatException ex) {
				return null;
			}
		}

	}

}
