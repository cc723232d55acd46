package io.github.iscsigw.ceph.object;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

import com.ceph.rados.exceptions.RadosException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iscsigw.ceph.CephClientException;
import io.github.iscsigw.ceph.CephCluster;
import io.github.iscsigw.ceph.rados.Errno;
import io.github.iscsigw.ceph.rados.LibRados;
import io.github.iscsigw.ceph.rados.NativeLibraries;

/**
 * {@link VersionedObjectStore} on RADOS objects, interoperable with ceph-iscsi
 * ({@code gateway-conf.md} §1, §5): the content is the whole object, the epoch the xattr
 * {@code epoch} as ASCII digits, and a commit takes the advisory exclusive lock
 * {@code lock} with cookie {@code config} that every ceph-iscsi writer takes.
 * <p>
 * A commit is: the lock (waited for at most the lock timeout), then ONE compound write
 * operation, then the unlock. The compound operation asserts that this client still holds
 * the lock, compares the {@code epoch} xattr with the expected epoch, and only then
 * replaces the content and sets the new epoch; the OSD applies all of it or nothing. So
 * the "re-read under the lock" of ceph-iscsi is done by the OSD inside the write, and the
 * object is only read again when the comparison fails (to report the actual epoch).
 * <p>
 * Crashed holders: this client's locks carry a duration (the lock duration setting), so a
 * lock left by a crashed gateway of ours expires on its own; the assertion in the write
 * fences a holder that outlived its lock. Locks without a duration (ceph-iscsi's) are
 * broken as soon as their holder is blocklisted. Otherwise the wait ends in a
 * {@link LockTimeoutException} naming the holder.
 * <p>
 * Changes are announced with a RADOS notify on the object after each commit, so watching
 * peers see them within milliseconds, and every watched object's epoch is also polled
 * (default every second, like ceph-iscsi), which covers writers that do not notify.
 */
public final class RadosObjectStore implements VersionedObjectStore, LockableStore {

	/** The xattr holding the epoch (ASCII digits). */
	public static final String EPOCH_XATTR = "epoch";

	/** ceph-iscsi's lock name. */
	public static final String LOCK_NAME = "lock";

	/** ceph-iscsi's lock cookie. */
	public static final String LOCK_COOKIE = "config";

	private static final Logger logger = LoggerFactory.getLogger(RadosObjectStore.class);

	private static final int MIN_READ_BUFFER = 64 * 1024;

	private static final long NOTIFY_TIMEOUT_MILLIS = 2000;

	private final CephCluster cluster;

	private final String pool;

	private final Duration lockTimeout;

	private final Duration lockDuration;

	private final Pointer io;

	private final LibRados lib = NativeLibraries.rados();

	private final Map<String, ReentrantLock> localLocks = new ConcurrentHashMap<>();

	private final Set<String> knownToExist = ConcurrentHashMap.newKeySet();

	private final Map<String, Integer> sizeHints = new ConcurrentHashMap<>();

	private final Map<String, Watch> watches = new ConcurrentHashMap<>();

	private final Map<String, Long> latestAnnounced = new ConcurrentHashMap<>();

	private final ScheduledExecutorService events;

	private final ScheduledExecutorService notifier;

	private volatile boolean closed;

	/**
	 * A store on one pool of a connected cluster. Usually made by
	 * {@link CephCluster#objectStore()}.
	 * @param cluster the connection (not closed by this store)
	 * @param pool the pool holding the objects
	 * @param lockTimeout how long a commit waits for the lock
	 * @param lockDuration how long a lock of this client lives if never released
	 * @param pollInterval how often watched objects' epochs are polled
	 * @throws io.github.iscsigw.ceph.image.PoolNotFoundException if the pool does not
	 * exist
	 */
	public RadosObjectStore(CephCluster cluster, String pool, Duration lockTimeout, Duration lockDuration,
			Duration pollInterval) {
		this.cluster = cluster;
		this.pool = pool;
		this.lockTimeout = lockTimeout;
		this.lockDuration = lockDuration;
		this.io = cluster.ioContext(pool).getPointer();
		this.events = Executors.newSingleThreadScheduledExecutor(daemon("rados-object-store-events"));
		this.notifier = Executors.newSingleThreadScheduledExecutor(daemon("rados-object-store-notify"));
		long poll = Math.max(10, pollInterval.toMillis());
		this.events.scheduleWithFixedDelay(this::pollAll, poll, poll, TimeUnit.MILLISECONDS);
	}

	/**
	 * The pool holding the objects.
	 * @return the pool name
	 */
	public String pool() {
		return this.pool;
	}

	@Override
	public void createIfAbsent(String name) {
		Pointer op = this.lib.rados_create_write_op();
		try {
			this.lib.rados_write_op_create(op, LibRados.CREATE_EXCLUSIVE, null);
			int rc = this.lib.rados_write_op_operate(op, this.io, name, null, LibRados.OPERATION_NOFLAG);
			if (rc != -Errno.EEXIST) {
				Errno.check(rc, subject(name), "create");
			}
			this.knownToExist.add(name);
		}
		finally {
			this.lib.rados_release_write_op(op);
		}
	}

	@Override
	public VersionedObject read(String name) {
		int capacity = Math.max(MIN_READ_BUFFER, this.sizeHints.getOrDefault(name, 0) * 5 / 4 + 4096);
		for (int attempt = 0; attempt < 5; attempt++) {
			Pointer op = this.lib.rados_create_read_op();
			PointerByReference xattrs = new PointerByReference();
			try {
				LongByReference size = new LongByReference();
				IntByReference statResult = new IntByReference();
				Memory buffer = new Memory(capacity);
				LongByReference bytesRead = new LongByReference();
				IntByReference readResult = new IntByReference();
				IntByReference xattrResult = new IntByReference();
				this.lib.rados_read_op_stat(op, size, null, statResult);
				this.lib.rados_read_op_read(op, 0, capacity, buffer, bytesRead, readResult);
				this.lib.rados_read_op_getxattrs(op, xattrs, xattrResult);
				Errno.check(this.lib.rados_read_op_operate(op, this.io, name, LibRados.OPERATION_NOFLAG), subject(name),
						"read");
				this.knownToExist.add(name);
				if (size.getValue() > bytesRead.getValue()) {
					// larger than the buffer: read again with the size we now know
					capacity = (int) Math.min(Integer.MAX_VALUE - 8, size.getValue());
					continue;
				}
				int length = (int) bytesRead.getValue();
				this.sizeHints.put(name, length);
				byte[] content = (length == 0) ? new byte[0] : buffer.getByteArray(0, length);
				return new VersionedObject(content, parseEpoch(name, epochFrom(name, xattrs.getValue())));
			}
			finally {
				if (xattrs.getValue() != null) {
					this.lib.rados_getxattrs_end(xattrs.getValue());
				}
				this.lib.rados_release_read_op(op);
			}
		}
		throw new CephClientException("object " + this.pool + "/" + name + " kept growing while being read");
	}

	private byte[] epochFrom(String name, Pointer iterator) {
		PointerByReference key = new PointerByReference();
		PointerByReference value = new PointerByReference();
		LongByReference length = new LongByReference();
		for (int i = 0; i < 10_000; i++) {
			Errno.check(this.lib.rados_getxattrs_next(iterator, key, value, length), subject(name),
					"list the xattrs of");
			if (key.getValue() == null) {
				return null;
			}
			if (EPOCH_XATTR.equals(key.getValue().getString(0, StandardCharsets.US_ASCII.name()))) {
				int len = (int) length.getValue();
				return (len == 0) ? new byte[0] : value.getValue().getByteArray(0, len);
			}
		}
		return null;
	}

	@Override
	public long epoch(String name) {
		return parseEpoch(name, rawEpoch(name));
	}

	/** The stored epoch xattr as it is, or {@code null} when there is none. */
	private byte[] rawEpoch(String name) {
		byte[] buffer = new byte[64];
		int rc = this.lib.rados_getxattr(this.io, name, EPOCH_XATTR, buffer, buffer.length);
		if (rc == -Errno.ENODATA) {
			this.knownToExist.add(name);
			return null;
		}
		Errno.check(rc, subject(name), "read the epoch of");
		this.knownToExist.add(name);
		return Arrays.copyOf(buffer, rc);
	}

	/**
	 * Parses the epoch as ceph-iscsi's {@code int()} would, also accepting the trailing
	 * NUL that rados-java's {@code setExtendedAttribute} appends.
	 */
	static long parseEpoch(String name, byte[] raw) {
		if (raw == null) {
			return NO_EPOCH;
		}
		String text = new String(raw, StandardCharsets.US_ASCII).replace("\0", "").trim();
		if (text.isEmpty()) {
			return NO_EPOCH;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new CephClientException("the epoch xattr of " + name + " is not a number: " + text);
		}
	}

	static byte[] epochBytes(long epoch) {
		return (epoch == NO_EPOCH) ? new byte[0] : Long.toString(epoch).getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public long commit(String name, byte[] content, long expectedEpoch) {
		if (expectedEpoch < NO_EPOCH) {
			throw new IllegalArgumentException("invalid expected epoch " + expectedEpoch);
		}
		ensureExists(name);
		long newEpoch;
		try (Lease lease = lock(name)) {
			newEpoch = writeGuarded(name, content, expectedEpoch, true);
		}
		this.sizeHints.put(name, content.length);
		announce(name, newEpoch);
		return newEpoch;
	}

	/**
	 * The compound write: [assert this client holds the lock] + cmpxattr(epoch ==
	 * expected) + write_full + setxattr(epoch = expected + 1).
	 */
	long writeGuarded(String name, byte[] content, long expectedEpoch, boolean fenced) {
		long newEpoch = expectedEpoch + 1;
		byte[] expected = epochBytes(expectedEpoch);
		int rc = operateGuarded(name, expected, content, newEpoch, fenced);
		if (rc == -Errno.ECANCELED) {
			byte[] stored = rawEpoch(name);
			long actual = parseEpoch(name, stored);
			if (actual == expectedEpoch && stored != null && !Arrays.equals(stored, expected)) {
				// the same epoch spelt differently (a trailing NUL written by
				// rados-java):
				// guard against exactly what is stored
				rc = operateGuarded(name, stored, content, newEpoch, fenced);
				if (rc == -Errno.ECANCELED) {
					actual = epoch(name);
				}
			}
			if (rc == -Errno.ECANCELED) {
				throw new EpochConflictException(name, expectedEpoch, actual);
			}
		}
		if (rc == -Errno.EBUSY && fenced) {
			throw new CephClientException("lost the lock on " + this.pool + "/" + name
					+ " before the write (held longer than the lock duration " + this.lockDuration.toSeconds()
					+ "s); nothing was written");
		}
		Errno.check(rc, subject(name), "commit");
		return newEpoch;
	}

	private int operateGuarded(String name, byte[] expected, byte[] content, long newEpoch, boolean fenced) {
		byte[] next = epochBytes(newEpoch);
		Pointer op = this.lib.rados_create_write_op();
		try {
			if (fenced) {
				byte[] assertion = ClsLock.assertLockedInput(LOCK_NAME, LOCK_COOKIE);
				this.lib.rados_write_op_exec(op, "lock", "assert_locked", assertion, assertion.length, null);
			}
			this.lib.rados_write_op_cmpxattr(op, EPOCH_XATTR, LibRados.CMPXATTR_OP_EQ, expected, expected.length);
			this.lib.rados_write_op_write_full(op, content, content.length);
			this.lib.rados_write_op_setxattr(op, EPOCH_XATTR, next, next.length);
			return this.lib.rados_write_op_operate(op, this.io, name, null, LibRados.OPERATION_NOFLAG);
		}
		finally {
			this.lib.rados_release_write_op(op);
		}
	}

	private void ensureExists(String name) {
		if (this.knownToExist.contains(name)) {
			return;
		}
		try {
			this.cluster.ioContext(this.pool).stat(name);
			this.knownToExist.add(name);
		}
		catch (RadosException ex) {
			throw Errno.exception(ex, subject(name), "stat");
		}
	}

	@Override
	public Lease lock(String name) {
		long deadline = System.nanoTime() + this.lockTimeout.toNanos();
		ReentrantLock local = this.localLocks.computeIfAbsent(name, (key) -> new ReentrantLock());
		try {
			if (!local.tryLock(this.lockTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new LockTimeoutException(name, this.lockTimeout, "another commit of this process");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CephClientException("interrupted while waiting for the lock on " + name, ex);
		}
		try {
			acquire(name, deadline);
		}
		catch (RuntimeException ex) {
			local.unlock();
			throw ex;
		}
		return () -> {
			try {
				release(name);
			}
			finally {
				local.unlock();
			}
		};
	}

	private void acquire(String name, long deadline) {
		LibRados.TimeVal duration = new LibRados.TimeVal(this.lockDuration.toMillis());
		long sleepMillis = 2;
		long nextHolderCheck = System.nanoTime();
		String holder = null;
		while (true) {
			int rc = this.lib.rados_lock_exclusive(this.io, name, LOCK_NAME, LOCK_COOKIE, "", duration, (byte) 0);
			if (rc == 0) {
				return;
			}
			// EEXIST: this very client holds it (ceph-iscsi treats it as busy too); a
			// leftover
			// of a failed unlock expires after the lock duration
			if (rc != -Errno.EBUSY && rc != -Errno.EEXIST) {
				Errno.check(rc, subject(name), "lock");
			}
			long now = System.nanoTime();
			if (now - nextHolderCheck >= 0) {
				List<Locker> lockers = lockers(name);
				holder = describe(lockers);
				if (breakBlocklisted(name, lockers)) {
					continue;
				}
				nextHolderCheck = now + TimeUnit.SECONDS.toNanos(1);
			}
			if (now - deadline >= 0) {
				logger.warn("Timed out after {}s waiting for the lock on {}/{}; held by {}. If that holder is gone for "
						+ "good, blocklist its address or run: rados -p {} lock break {} {} <locker> --lock-cookie {}",
						this.lockTimeout.toSeconds(), this.pool, name, holder, this.pool, name, LOCK_NAME, LOCK_COOKIE);
				throw new LockTimeoutException(name, this.lockTimeout, holder);
			}
			sleep(Math.min(sleepMillis, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
			sleepMillis = Math.min(sleepMillis * 2, 100);
		}
	}

	private void release(String name) {
		int rc = this.lib.rados_unlock(this.io, name, LOCK_NAME, LOCK_COOKIE);
		if (rc == -Errno.ENOENT) {
			logger.warn("the lock on {}/{} had expired or was broken before it was released", this.pool, name);
		}
		else if (rc < 0) {
			logger.warn("could not release the lock on {}/{} ({}); it expires after {}s", this.pool, name,
					Errno.describe(rc), this.lockDuration.toSeconds());
		}
	}

	/**
	 * Breaks the locks held by clients that the cluster has blocklisted: they can no
	 * longer write, so waiting for them is pointless.
	 * @return whether a lock was broken
	 */
	private boolean breakBlocklisted(String name, List<Locker> lockers) {
		if (lockers.isEmpty()) {
			return false;
		}
		Set<String> blocklisted = ConcurrentHashMap.newKeySet();
		try {
			this.cluster.blocklist().forEach((entry) -> blocklisted.add(entry.address()));
		}
		catch (CephClientException ex) {
			logger.debug("cannot list the blocklist: {}", ex.getMessage());
			return false;
		}
		boolean broken = false;
		for (Locker locker : lockers) {
			if (isBlocklisted(locker.address(), blocklisted)) {
				int rc = this.lib.rados_break_lock(this.io, name, LOCK_NAME, locker.client(), locker.cookie());
				if (rc == 0 || rc == -Errno.ENOENT) {
					logger.warn("broke the lock on {}/{} held by blocklisted {}", this.pool, name, locker);
					broken = true;
				}
				else {
					logger.warn("could not break the lock on {}/{} held by blocklisted {}: {}", this.pool, name, locker,
							Errno.describe(rc));
				}
			}
		}
		return broken;
	}

	/** Whether the address, or its whole IP ({@code ip:0/0}), is blocklisted. */
	static boolean isBlocklisted(String address, Set<String> blocklisted) {
		String plain = address.startsWith("v1:") || address.startsWith("v2:") ? address.substring(3) : address;
		if (blocklisted.contains(plain) || blocklisted.contains(address)) {
			return true;
		}
		int slash = plain.lastIndexOf('/');
		int colon = plain.lastIndexOf(':', (slash < 0) ? plain.length() : slash);
		return colon > 0 && blocklisted.contains(plain.substring(0, colon) + ":0/0");
	}

	/**
	 * The current holders of the object's {@code lock}.
	 * @param name the object
	 * @return the holders (empty when unlocked)
	 */
	List<Locker> lockers(String name) {
		int size = 512;
		for (int attempt = 0; attempt < 5; attempt++) {
			IntByReference exclusive = new IntByReference();
			byte[] tag = new byte[size];
			byte[] clients = new byte[size];
			byte[] cookies = new byte[size];
			byte[] addrs = new byte[size];
			LongByReference tagLen = new LongByReference(size);
			LongByReference clientsLen = new LongByReference(size);
			LongByReference cookiesLen = new LongByReference(size);
			LongByReference addrsLen = new LongByReference(size);
			long rc = this.lib.rados_list_lockers(this.io, name, LOCK_NAME, exclusive, tag, tagLen, clients, clientsLen,
					cookies, cookiesLen, addrs, addrsLen);
			if (rc == -Errno.ERANGE) {
				size = (int) Math.max(size * 2L, Math.max(Math.max(tagLen.getValue(), clientsLen.getValue()),
						Math.max(cookiesLen.getValue(), addrsLen.getValue())));
				continue;
			}
			if (rc == -Errno.ENOENT) {
				return List.of();
			}
			Errno.check(rc, subject(name), "list the lockers of");
			List<String> clientList = split(clients, clientsLen.getValue());
			List<String> cookieList = split(cookies, cookiesLen.getValue());
			List<String> addrList = split(addrs, addrsLen.getValue());
			List<Locker> lockers = new ArrayList<>();
			for (int i = 0; i < rc && i < clientList.size(); i++) {
				lockers.add(new Locker(clientList.get(i), (i < cookieList.size()) ? cookieList.get(i) : "",
						(i < addrList.size()) ? addrList.get(i) : ""));
			}
			return lockers;
		}
		throw new CephClientException("cannot list the lockers of " + this.pool + "/" + name);
	}

	private static List<String> split(byte[] buffer, long length) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		int end = (int) Math.min(length, buffer.length);
		for (int i = 0; i < end; i++) {
			if (buffer[i] == 0) {
				if (i > start) {
					parts.add(new String(buffer, start, i - start, StandardCharsets.UTF_8));
				}
				start = i + 1;
			}
		}
		if (end > start) {
			parts.add(new String(buffer, start, end - start, StandardCharsets.UTF_8));
		}
		return parts;
	}

	private static String describe(List<Locker> lockers) {
		if (lockers.isEmpty()) {
			return null;
		}
		return String.join("; ", lockers.stream().map(Locker::toString).toList());
	}

	/**
	 * A holder of the lock.
	 *
	 * @param client the holder, e.g. {@code client.4132}
	 * @param cookie its cookie
	 * @param address its address
	 */
	record Locker(String client, String cookie, String address) {

		@Override
		public String toString() {
			return this.client + " at " + this.address + " (cookie " + this.cookie + ")";
		}

	}

	// change notification
	// -----------------------------------------------------------------

	@Override
	public Subscription watch(String name, LongConsumer listener) {
		ensureOpen();
		Watch watch = this.watches.computeIfAbsent(name, Watch::new);
		watch.listeners.add(listener);
		synchronized (watch) {
			if (watch.lastEpoch == null) {
				try {
					watch.lastEpoch = epoch(name);
				}
				catch (ObjectNotFoundException ex) {
					// not there yet: the poll registers the watch once it is
				}
			}
			if (watch.cookie == 0) {
				register(watch);
			}
		}
		return () -> watch.listeners.remove(listener);
	}

	private void register(Watch watch) {
		LongByReference cookie = new LongByReference();
		String name = watch.name;
		watch.callback = (arg, notifyId, handle, notifierId, data, length) -> {
			byte[] payload = (data == null || length <= 0) ? null : data.getByteArray(0, (int) Math.min(length, 64));
			this.lib.rados_notify_ack(this.io, name, notifyId, handle, null, 0);
			submit(() -> onNotify(watch, payload));
		};
		watch.errorCallback = (arg, handle, err) -> {
			logger.debug("watch on {}/{} failed ({}); re-registering", this.pool, name, Errno.describe(err));
			submit(() -> reregister(watch));
		};
		int rc = this.lib.rados_watch2(this.io, name, cookie, watch.callback, watch.errorCallback, null);
		if (rc == 0) {
			watch.cookie = cookie.getValue();
		}
		else if (rc != -Errno.ENOENT) {
			logger.warn("cannot watch {}/{} ({}); relying on polling", this.pool, name, Errno.describe(rc));
		}
	}

	private void reregister(Watch watch) {
		synchronized (watch) {
			if (this.closed) {
				return;
			}
			if (watch.cookie != 0) {
				this.lib.rados_unwatch2(this.io, watch.cookie);
				watch.cookie = 0;
			}
			register(watch);
		}
		// a change may have been missed while the watch was down
		pollOne(watch);
	}

	private void onNotify(Watch watch, byte[] payload) {
		if (payload != null) {
			try {
				long epoch = parseEpoch(watch.name, payload);
				// a notify may arrive after a newer one: only move forward on its word
				deliver(watch, epoch, true);
				return;
			}
			catch (CephClientException ex) {
				// not one of ours: read the epoch
			}
		}
		pollOne(watch);
	}

	private void pollAll() {
		for (Watch watch : this.watches.values()) {
			if (!watch.listeners.isEmpty()) {
				pollOne(watch);
			}
		}
	}

	private void pollOne(Watch watch) {
		if (this.closed) {
			return;
		}
		try {
			deliver(watch, epoch(watch.name), false);
			synchronized (watch) {
				if (watch.cookie == 0 && !this.closed) {
					register(watch);
				}
			}
		}
		catch (ObjectNotFoundException ex) {
			// not created yet
		}
		catch (RuntimeException ex) {
			logger.debug("polling the epoch of {}/{} failed: {}", this.pool, watch.name, ex.getMessage());
		}
	}

	private void deliver(Watch watch, long epoch, boolean forwardOnly) {
		synchronized (watch) {
			Long last = watch.lastEpoch;
			if (last != null && (last == epoch || (forwardOnly && epoch < last))) {
				return;
			}
			watch.lastEpoch = epoch;
			for (LongConsumer listener : watch.listeners) {
				try {
					listener.accept(epoch);
				}
				catch (RuntimeException ex) {
					logger.warn("a listener of {}/{} failed", this.pool, watch.name, ex);
				}
			}
		}
	}

	/** Tells this process's listeners at once and the peers' through a RADOS notify. */
	private void announce(String name, long epoch) {
		Watch watch = this.watches.get(name);
		if (watch != null) {
			submit(() -> deliver(watch, epoch, true));
		}
		byte[] payload = epochBytes(epoch);
		try {
			this.latestAnnounced.merge(name, epoch, Math::max);
			this.notifier.execute(() -> {
				// a notify waits for every watcher's ack, up to the timeout when one has
				// died
				// (until the OSD drops its watch): skip ones a newer commit supersedes
				if (this.closed || this.latestAnnounced.getOrDefault(name, epoch) > epoch) {
					return;
				}
				PointerByReference reply = new PointerByReference();
				LongByReference replyLength = new LongByReference();
				int rc = this.lib.rados_notify2(this.io, name, payload, payload.length, NOTIFY_TIMEOUT_MILLIS, reply,
						replyLength);
				if (reply.getValue() != null) {
					this.lib.rados_buffer_free(reply.getValue());
				}
				if (rc < 0) {
					// a peer that did not answer: it still sees the change by polling
					logger.debug("notify on {}/{}: {}", this.pool, name, Errno.describe(rc));
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// closing
		}
	}

	private void submit(Runnable task) {
		try {
			this.events.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// closing
		}
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.events.shutdown();
		this.notifier.shutdown();
		try {
			this.notifier.awaitTermination(NOTIFY_TIMEOUT_MILLIS + 1000, TimeUnit.MILLISECONDS);
			this.events.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.cluster.isClosed()) {
			return;
		}
		boolean watched = false;
		for (Watch watch : this.watches.values()) {
			synchronized (watch) {
				if (watch.cookie != 0) {
					this.lib.rados_unwatch2(this.io, watch.cookie);
					watch.cookie = 0;
					watched = true;
				}
			}
		}
		if (watched) {
			// no callback may run after this returns (they reference this store)
			this.lib.rados_watch_flush(this.cluster.handle());
		}
		this.watches.clear();
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new CephClientException("the object store is closed");
		}
	}

	private Errno.RadosObject subject(String name) {
		return new Errno.RadosObject(this.pool, name);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CephClientException("interrupted while waiting for a lock", ex);
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/** One watched object: its listeners, its RADOS watch and the last epoch told. */
	private static final class Watch {

		final String name;

		final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

		long cookie;

		Long lastEpoch;

		// strong references: librados calls these until the watch is removed
		LibRados.WatchCallback callback;

		LibRados.WatchErrorCallback errorCallback;

		Watch(String name) {
			this.name = name;
		}

	}

	/** Input encodings of the {@code lock} object class (Ceph's versioned encoding). */
	static final class ClsLock {

		/** {@code ClsLockType::EXCLUSIVE}. */
		private static final int EXCLUSIVE = 1;

		private ClsLock() {
		}

		/**
		 * {@code cls_lock_assert_op}: ENCODE_START(1, 1) name, type (u8), cookie, tag.
		 */
		static byte[] assertLockedInput(String name, String cookie) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			string(body, name);
			body.write(EXCLUSIVE);
			string(body, cookie);
			string(body, "");
			byte[] payload = body.toByteArray();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(1); // struct version
			out.write(1); // compatible version
			u32(out, payload.length);
			out.writeBytes(payload);
			return out.toByteArray();
		}

		private static void string(ByteArrayOutputStream out, String value) {
			byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
			u32(out, bytes.length);
			out.writeBytes(bytes);
		}

		private static void u32(ByteArrayOutputStream out, int value) {
			out.write(value & 0xff);
			out.write((value >>> 8) & 0xff);
			out.write((value >>> 16) & 0xff);
			out.write((value >>> 24) & 0xff);
		}

	}

}
