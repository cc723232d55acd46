package io.github.iscsigw.ceph.object;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import io.github.iscsigw.ceph.CephClientException;

/**
 * Embedded {@link VersionedObjectStore}: each object is a file in a directory, its epoch
 * a sibling file {@code <name>.epoch} holding ASCII digits.
 * <p>
 * A commit writes both to temporary files, fsyncs them, renames the content over the old
 * one and then the epoch, and fsyncs the directory, so a crash leaves either the old or
 * the new content intact, never a torn file. (A crash between the two renames leaves the
 * new content with the old epoch; that commit was never acknowledged and the next commit
 * simply replaces it.) Commits are serialised within the process by a lock and across
 * processes by an advisory {@code flock} on {@code <name>.lock}, waited for at most the
 * lock timeout.
 */
public final class FileObjectStore implements VersionedObjectStore, LockableStore {

	private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

	private final Path directory;

	private final Duration lockTimeout;

	private final Duration pollInterval;

	/**
	 * Per object file, for all stores of this JVM: Java's file locks belong to the JVM,
	 * so two channels of one JVM must not both ask for the {@code flock}.
	 */
	private static final Map<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

	private final Map<String, List<LongConsumer>> listeners = new ConcurrentHashMap<>();

	private final Map<String, Long> lastNotified = new ConcurrentHashMap<>();

	private final ScheduledExecutorService poller;

	/**
	 * Creates a store in the given directory (created if missing).
	 * @param directory where the objects live
	 * @param lockTimeout how long a commit waits for another process's lock
	 * @param pollInterval how often watched objects are checked for changes by others
	 */
	public FileObjectStore(Path directory, Duration lockTimeout, Duration pollInterval) {
		this.directory = directory;
		this.lockTimeout = lockTimeout;
		this.pollInterval = pollInterval;
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new CephClientException("cannot create object store directory " + directory + ": " + ex, ex);
		}
		this.poller = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "file-object-store-poll");
			thread.setDaemon(true);
			return thread;
		});
		long millis = Math.max(10, pollInterval.toMillis());
		this.poller.scheduleWithFixedDelay(this::pollAll, millis, millis, TimeUnit.MILLISECONDS);
	}

	public FileObjectStore(Path directory) {
		this(directory, Duration.ofSeconds(30), Duration.ofSeconds(1));
	}

	/**
	 * The directory holding the objects.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	@Override
	public void createIfAbsent(String name) {
		Path file = contentPath(name);
		try {
			Files.createFile(file);
			fsyncDirectory();
		}
		catch (java.nio.file.FileAlreadyExistsException ex) {
			// already there: exactly what an exclusive create that ignores EEXIST does
		}
		catch (IOException ex) {
			throw new CephClientException("cannot create " + file + ": " + ex, ex);
		}
	}

	@Override
	public VersionedObject read(String name) {
		// The epoch is read before the content: a concurrent commit renames the content
		// first, so we may return newer content with an older epoch (a later commit then
		// conflicts and re-reads), never older content with a newer epoch.
		long epoch = epoch(name);
		try {
			return new VersionedObject(Files.readAllBytes(contentPath(name)), epoch);
		}
		catch (NoSuchFileException ex) {
			throw new ObjectNotFoundException(name);
		}
		catch (IOException ex) {
			throw new CephClientException("cannot read " + contentPath(name) + ": " + ex, ex);
		}
	}

	@Override
	public long epoch(String name) {
		if (!Files.exists(contentPath(name))) {
			throw new ObjectNotFoundException(name);
		}
		return readEpoch(name);
	}

	private long readEpoch(String name) {
		try {
			String text = Files.readString(epochPath(name), StandardCharsets.US_ASCII).trim();
			return Long.parseLong(text);
		}
		catch (NoSuchFileException ex) {
			return NO_EPOCH;
		}
		catch (IOException | NumberFormatException ex) {
			throw new CephClientException("cannot read the epoch of " + name + ": " + ex, ex);
		}
	}

	@Override
	public long commit(String name, byte[] content, long expectedEpoch) {
		if (expectedEpoch < NO_EPOCH) {
			throw new IllegalArgumentException("invalid expected epoch " + expectedEpoch);
		}
		Path file = contentPath(name);
		if (!Files.exists(file)) {
			throw new ObjectNotFoundException(name);
		}
		long newEpoch;
		try (Lease lease = lock(name)) {
			if (!Files.exists(file)) {
				throw new ObjectNotFoundException(name);
			}
			long actual = readEpoch(name);
			if (actual != expectedEpoch) {
				throw new EpochConflictException(name, expectedEpoch, actual);
			}
			newEpoch = expectedEpoch + 1;
			Path contentTmp = writeTemp(name, content);
			Path epochTmp = writeTemp(name + ".epoch", Long.toString(newEpoch).getBytes(StandardCharsets.US_ASCII));
			move(contentTmp, file);
			move(epochTmp, epochPath(name));
			fsyncDirectory();
		}
		catch (IOException ex) {
			throw new CephClientException("cannot commit " + file + ": " + ex, ex);
		}
		notifyListeners(name, newEpoch);
		return newEpoch;
	}

	/**
	 * Takes the commit lock: a lock within this process (several threads, several stores
	 * on the same directory) and an advisory {@code flock} on {@code <name>.lock} across
	 * processes, both within one lock timeout. The kernel releases the {@code flock} when
	 * a holder dies, so a crashed holder never blocks others.
	 */
	@Override
	public Lease lock(String name) {
		contentPath(name);
		long deadline = System.nanoTime() + this.lockTimeout.toNanos();
		ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(this.directory.toAbsolutePath().normalize().resolve(name),
				(key) -> new ReentrantLock());
		try {
			if (!local.tryLock(this.lockTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new LockTimeoutException(name, this.lockTimeout, "another commit of this process");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CephClientException("interrupted while waiting for the lock on " + name, ex);
		}
		FileChannel channel = null;
		try {
			channel = FileChannel.open(this.directory.resolve(name + ".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock lock = lockAcrossProcesses(name, channel, deadline);
			FileChannel held = channel;
			return () -> {
				try {
					lock.release();
					held.close();
				}
				catch (IOException ex) {
					// closing the channel releases the lock anyway
				}
				finally {
					local.unlock();
				}
			};
		}
		catch (IOException | RuntimeException ex) {
			try {
				if (channel != null) {
					channel.close();
				}
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			local.unlock();
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new CephClientException("cannot lock " + name + ": " + ex, ex);
		}
	}

	private FileLock lockAcrossProcesses(String name, FileChannel channel, long deadline) throws IOException {
		while (true) {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				return lock;
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new LockTimeoutException(name, this.lockTimeout, "another process");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new CephClientException("interrupted while waiting for the lock on " + name, ex);
			}
		}
	}

	private Path writeTemp(String baseName, byte[] bytes) throws IOException {
		Path tmp = Files.createTempFile(this.directory, "." + baseName + ".", ".tmp");
		try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		catch (IOException ex) {
			Files.deleteIfExists(tmp);
			throw ex;
		}
		return tmp;
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.deleteIfExists(from);
			throw ex;
		}
	}

	private void fsyncDirectory() {
		try (FileChannel channel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some filesystems refuse to fsync a directory; the renames are still atomic.
		}
	}

	@Override
	public Subscription watch(String name, LongConsumer listener) {
		this.listeners.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>()).add(listener);
		if (Files.exists(contentPath(name))) {
			this.lastNotified.putIfAbsent(name, readEpoch(name));
		}
		return () -> {
			List<LongConsumer> list = this.listeners.get(name);
			if (list != null) {
				list.remove(listener);
			}
		};
	}

	private void pollAll() {
		for (String name : this.listeners.keySet()) {
			try {
				if (Files.exists(contentPath(name))) {
					notifyListeners(name, readEpoch(name));
				}
			}
			catch (RuntimeException ex) {
				// a torn read during a concurrent commit: the next poll sees the result
			}
		}
	}

	private void notifyListeners(String name, long epoch) {
		Long previous = this.lastNotified.put(name, epoch);
		if (previous != null && previous == epoch) {
			return;
		}
		for (LongConsumer listener : this.listeners.getOrDefault(name, List.of())) {
			try {
				listener.accept(epoch);
			}
			catch (RuntimeException ex) {
				// a failing listener must not stop the others
			}
		}
	}

	private Path contentPath(String name) {
		if (!SAFE_NAME.matcher(name).matches() || name.startsWith(".")) {
			throw new IllegalArgumentException("invalid object name: " + name);
		}
		return this.directory.resolve(name);
	}

	private Path epochPath(String name) {
		return this.directory.resolve(name + ".epoch");
	}

	@Override
	public void close() {
		this.poller.shutdownNow();
		this.listeners.clear();
	}

}
