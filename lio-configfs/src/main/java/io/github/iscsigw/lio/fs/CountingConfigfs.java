package io.github.iscsigw.lio.fs;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the operations passed to another {@link Configfs}: reads (list, exists, read,
 * readLink) and writes (write, mkdir, rmdir, symlink, unlink). Used by the benchmark and
 * by tests that prove a change costs O(1) operations.
 */
public final class CountingConfigfs implements Configfs {

	private final Configfs delegate;

	private final AtomicLong reads = new AtomicLong();

	private final AtomicLong writes = new AtomicLong();

	public CountingConfigfs(Configfs delegate) {
		this.delegate = delegate;
	}

	/**
	 * Read operations so far.
	 * @return count
	 */
	public long reads() {
		return this.reads.get();
	}

	/**
	 * Mutating operations so far.
	 * @return count
	 */
	public long writes() {
		return this.writes.get();
	}

	/** Sets both counters to zero. */
	public void reset() {
		this.reads.set(0);
		this.writes.set(0);
	}

	@Override
	public Path root() {
		return this.delegate.root();
	}

	@Override
	public List<Entry> list(String dir) {
		this.reads.incrementAndGet();
		return this.delegate.list(dir);
	}

	@Override
	public boolean exists(String path) {
		this.reads.incrementAndGet();
		return this.delegate.exists(path);
	}

	@Override
	public String read(String path) {
		this.reads.incrementAndGet();
		return this.delegate.read(path);
	}

	@Override
	public void write(String path, String value) {
		this.writes.incrementAndGet();
		this.delegate.write(path, value);
	}

	@Override
	public void mkdir(String path) {
		this.writes.incrementAndGet();
		this.delegate.mkdir(path);
	}

	@Override
	public void rmdir(String path) {
		this.writes.incrementAndGet();
		this.delegate.rmdir(path);
	}

	@Override
	public void symlink(String path, String target) {
		this.writes.incrementAndGet();
		this.delegate.symlink(path, target);
	}

	@Override
	public String readLink(String path) {
		this.reads.incrementAndGet();
		return this.delegate.readLink(path);
	}

	@Override
	public void unlink(String path) {
		this.writes.incrementAndGet();
		this.delegate.unlink(path);
	}

}
