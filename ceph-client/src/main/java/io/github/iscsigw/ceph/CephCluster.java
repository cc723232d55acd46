package io.github.iscsigw.ceph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rados.exceptions.RadosException;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import io.github.iscsigw.ceph.image.RbdImageStore;
import io.github.iscsigw.ceph.object.RadosObjectStore;
import io.github.iscsigw.ceph.rados.Errno;
import io.github.iscsigw.ceph.rados.LibRados;
import io.github.iscsigw.ceph.rados.NativeLibraries;

/**
 * One connection to a Ceph cluster (one librados client instance): the factory of the
 * RADOS {@link RadosObjectStore object store} and the RBD {@link RbdImageStore image
 * store}, and the monitor commands the gateway needs. Thread-safe. Close it after the
 * stores made from it.
 *
 * <pre>
 * try (CephCluster cluster = CephCluster.connect(settings);
 * 		VersionedObjectStore config = cluster.objectStore();
 * 		ImageStore images = cluster.imageStore()) {
 * 	...
 * }
 * </pre>
 */
public final class CephCluster implements AutoCloseable {

	private final CephSettings settings;

	private final Handle rados;

	private final Map<String, IoCTX> ioContexts = new ConcurrentHashMap<>();

	private volatile boolean closed;

	private CephCluster(CephSettings settings, Handle rados) {
		this.settings = settings;
		this.rados = rados;
	}

	/**
	 * Connects with the given settings, failing within about
	 * {@link CephSettings#connectTimeout()} when the cluster cannot be reached.
	 * @param settings where the cluster is and how long to wait
	 * @return the connected cluster
	 * @throws CephUnavailableException if the libraries are missing, the configuration
	 * file does not exist or the monitors cannot be reached in time
	 * @throws CephAccessDeniedException if the cephx identity is refused
	 */
	public static CephCluster connect(CephSettings settings) {
		NativeLibraries.rados();
		if (!Files.isRegularFile(settings.confFile())) {
			throw new CephUnavailableException("ceph configuration file " + settings.confFile()
					+ " does not exist (settings ceph_config_dir and cluster_name)");
		}
		Errno.Cluster subject = new Errno.Cluster(
				"cluster " + settings.clusterName() + " as " + settings.clusterClientName());
		Handle handle;
		try {
			handle = new Handle(settings.clusterName(), settings.clusterClientName());
		}
		catch (RuntimeException | LinkageError ex) {
			throw new CephUnavailableException("cannot initialise librados: " + ex, ex);
		}
		if (handle.pointer() == null) {
			// rados-java ignores rados_create2's result; a null handle would crash the
			// JVM later
			throw new CephClientException(
					"librados refused the client name " + settings.clusterClientName() + " (expected client.<id>)");
		}
		try {
			handle.confReadFile(settings.confFile().toFile());
			String connect = seconds(settings.connectTimeout());
			String op = seconds(settings.opTimeout());
			handle.confSet("client_mount_timeout", connect);
			handle.confSet("rados_mon_op_timeout", op);
			handle.confSet("rados_osd_op_timeout", op);
			handle.connect();
		}
		catch (RadosException ex) {
			handle.shutDown();
			CephClientException translated = Errno.exception(ex, subject, "connect to");
			if (translated.getClass() == CephClientException.class) {
				throw new CephUnavailableException(translated.getMessage(), ex);
			}
			throw translated;
		}
		return new CephCluster(settings, handle);
	}

	/**
	 * The settings this cluster was connected with.
	 * @return the settings
	 */
	public CephSettings settings() {
		return this.settings;
	}

	/**
	 * A RADOS object store on the settings' pool, with the settings' lock timeout and
	 * lock duration and a 1 s epoch poll. Closing it does not close this cluster.
	 * @return a new store
	 */
	public RadosObjectStore objectStore() {
		return new RadosObjectStore(this, this.settings.pool(), this.settings.lockTimeout(),
				this.settings.lockDuration(), Duration.ofSeconds(1));
	}

	/**
	 * The RBD image store of this cluster. Closing it does not close this cluster.
	 * @return a new store
	 */
	public RbdImageStore imageStore() {
		return new RbdImageStore(this);
	}

	/**
	 * The I/O context of a pool, opened on first use and kept until {@link #close()}.
	 * Internal to this module.
	 * @param pool the pool
	 * @return the rados-java context
	 * @throws io.github.iscsigw.ceph.image.PoolNotFoundException if the pool does not
	 * exist
	 */
	public IoCTX ioContext(String pool) {
		ensureOpen();
		IoCTX existing = this.ioContexts.get(pool);
		if (existing != null) {
			return existing;
		}
		synchronized (this.ioContexts) {
			return this.ioContexts.computeIfAbsent(pool, (name) -> {
				try {
					return this.rados.ioCtxCreate(name);
				}
				catch (RadosException ex) {
					throw Errno.exception(ex, new Errno.Pool(name), "open");
				}
			});
		}
	}

	/**
	 * The id of a pool.
	 * @param pool the pool name
	 * @return its id (what ceph-iscsi stores as {@code pool_id})
	 * @throws io.github.iscsigw.ceph.image.PoolNotFoundException if it does not exist
	 */
	public long poolId(String pool) {
		ensureOpen();
		try {
			long id = this.rados.poolLookup(pool);
			if (id < 0) {
				throw Errno.exception((int) id, new Errno.Pool(pool), "look up");
			}
			return id;
		}
		catch (RadosException ex) {
			throw Errno.exception(ex, new Errno.Pool(pool), "look up");
		}
	}

	/**
	 * This client's address as the OSDs see it (what a lock lists as the holder's address
	 * and what {@code osd blocklist} takes), e.g. {@code 127.0.0.1:0/3710147553}.
	 * @return the address
	 */
	public String clientAddress() {
		ensureOpen();
		PointerByReference addrs = new PointerByReference();
		Errno.check(lib().rados_getaddrs(this.rados.pointer(), addrs), cluster(), "get the client address of");
		Pointer value = addrs.getValue();
		try {
			return value.getString(0, StandardCharsets.US_ASCII.name());
		}
		finally {
			lib().rados_buffer_free(value);
		}
	}

	/**
	 * This client's global id: the lock holder name is {@code client.<instanceId>}.
	 * @return the instance id
	 */
	public long instanceId() {
		ensureOpen();
		return lib().rados_get_instance_id(this.rados.pointer());
	}

	/**
	 * Runs a monitor command.
	 * @param command the command as JSON, e.g. {@code {"prefix": "osd blocklist ls"}}
	 * @return the command's output buffer and status string
	 * @throws CephClientException (typed by errno) if the monitor rejects it
	 */
	public MonCommandResult monCommand(String command) {
		ensureOpen();
		PointerByReference outBuf = new PointerByReference();
		LongByReference outBufLen = new LongByReference();
		PointerByReference outs = new PointerByReference();
		LongByReference outsLen = new LongByReference();
		int rc = lib().rados_mon_command(this.rados.pointer(), new StringArray(new String[] { command }), 1, null, 0,
				outBuf, outBufLen, outs, outsLen);
		byte[] output = take(outBuf.getValue(), outBufLen.getValue());
		String status = new String(take(outs.getValue(), outsLen.getValue()), StandardCharsets.UTF_8);
		return new MonCommandResult(rc, output, status);
	}

	/**
	 * {@code ceph config-key get <key>} (ceph-iscsi reads the TLS certificate and key
	 * from there when they are not files, and resolves {@code config://} settings with
	 * it).
	 * @param key the key
	 * @return the value, or empty when the key does not exist
	 */
	public Optional<byte[]> configKeyGet(String key) {
		MonCommandResult result = monCommand(json(Map.of("prefix", "config-key get", "key", key)));
		if (result.returnCode() == -Errno.ENOENT) {
			return Optional.empty();
		}
		result.check(cluster(), "config-key get " + key + " on");
		return Optional.of(result.output());
	}

	/**
	 * {@code ceph config-key set <key> <value>}.
	 * @param key the key
	 * @param value the value (text)
	 */
	public void configKeySet(String key, String value) {
		monCommand(json(Map.of("prefix", "config-key set", "key", key, "val", value))).check(cluster(),
				"config-key set " + key + " on");
	}

	/**
	 * {@code ceph osd blocklist ls}.
	 * @return the blocklisted client addresses with their expiry, as the monitor prints
	 * them
	 */
	public List<BlocklistEntry> blocklist() {
		MonCommandResult result = monCommand(json(Map.of("prefix", "osd blocklist ls")));
		result.check(cluster(), "osd blocklist ls on");
		List<BlocklistEntry> entries = new ArrayList<>();
		for (String line : new String(result.output(), StandardCharsets.UTF_8).split("\n")) {
			String trimmed = line.trim();
			if (trimmed.isEmpty() || trimmed.startsWith("listed ")) {
				continue;
			}
			int space = trimmed.indexOf(' ');
			entries.add((space < 0) ? new BlocklistEntry(trimmed, "")
					: new BlocklistEntry(trimmed.substring(0, space), trimmed.substring(space + 1).trim()));
		}
		return entries;
	}

	/**
	 * {@code ceph osd blocklist add <address> <seconds>}: fences a client (its next I/O
	 * fails and its locks may be broken).
	 * @param address a client address, e.g. {@code 127.0.0.1:0/3710147553}
	 * @param expire how long the entry stays
	 */
	public void blocklistAdd(String address, Duration expire) {
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("prefix", "osd blocklist");
		command.put("blocklistop", "add");
		command.put("addr", address);
		command.put("expire", (double) Math.max(1, expire.toSeconds()));
		monCommand(json(command)).check(cluster(), "osd blocklist add " + address + " on");
	}

	/**
	 * {@code ceph osd blocklist rm <address>} (ceph-iscsi removes its own addresses at
	 * start-up). Removing an address that is not listed succeeds.
	 * @param address the entry's address as listed by {@link #blocklist()}
	 */
	public void blocklistRemove(String address) {
		monCommand(json(Map.of("prefix", "osd blocklist", "blocklistop", "rm", "addr", address))).check(cluster(),
				"osd blocklist rm " + address + " on");
	}

	/**
	 * Removes every blocklist entry of the given IP addresses, as ceph-iscsi does at
	 * start-up for the gateway's own addresses (a previous run of the gateway may have
	 * been fenced, and tcmu-runner would otherwise be unable to open images).
	 * @param ips IP addresses (IPv4 dotted or IPv6, without brackets)
	 * @return the entries removed
	 */
	public List<String> blocklistRemoveForIps(java.util.Collection<String> ips) {
		List<String> removed = new ArrayList<>();
		for (BlocklistEntry entry : blocklist()) {
			if (ips.contains(entry.ip())) {
				blocklistRemove(entry.address());
				removed.add(entry.address());
			}
		}
		return removed;
	}

	/**
	 * Closes the pools' I/O contexts and the connection. Stores made from this cluster
	 * must be closed first.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		synchronized (this.ioContexts) {
			for (IoCTX io : this.ioContexts.values()) {
				this.rados.ioCtxDestroy(io);
			}
			this.ioContexts.clear();
		}
		this.rados.shutDown();
	}

	/**
	 * Whether {@link #close()} was called.
	 * @return true once closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * The librados cluster handle ({@code rados_t}). Internal to this module.
	 * @return the handle
	 */
	public Pointer handle() {
		ensureOpen();
		return this.rados.pointer();
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new CephClientException("the connection to cluster " + this.settings.clusterName() + " is closed");
		}
	}

	private Errno.Cluster cluster() {
		return new Errno.Cluster("cluster " + this.settings.clusterName());
	}

	private static LibRados lib() {
		return NativeLibraries.rados();
	}

	private static byte[] take(Pointer buffer, long length) {
		if (buffer == null) {
			return new byte[0];
		}
		try {
			return buffer.getByteArray(0, (int) length);
		}
		finally {
			lib().rados_buffer_free(buffer);
		}
	}

	private static String seconds(Duration duration) {
		return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
	}

	/**
	 * A minimal JSON object writer for monitor commands (strings, numbers, booleans).
	 * @param fields the fields
	 * @return the JSON text
	 */
	static String json(Map<String, ?> fields) {
		StringBuilder out = new StringBuilder("{");
		fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((entry) -> {
			if (out.length() > 1) {
				out.append(", ");
			}
			out.append(quote(entry.getKey())).append(": ");
			Object value = entry.getValue();
			out.append((value instanceof Number || value instanceof Boolean) ? value.toString()
					: quote(String.valueOf(value)));
		});
		return out.append('}').toString();
	}

	private static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/**
	 * The result of a monitor command.
	 *
	 * @param returnCode 0 or a negative errno
	 * @param output the output buffer
	 * @param status the status string (the monitor's message)
	 */
	public record MonCommandResult(int returnCode, byte[] output, String status) {

		public MonCommandResult {
			output = output.clone();
		}

		@Override
		public byte[] output() {
			return this.output.clone();
		}

		/**
		 * Throws the typed exception when the command failed.
		 * @param subject what the command addressed
		 * @param operation the command, for the message
		 * @return this result
		 */
		MonCommandResult check(Errno.Subject subject, String operation) {
			if (this.returnCode < 0) {
				CephClientException ex = Errno.exception(this.returnCode, subject, operation);
				if (!this.status.isBlank() && ex.getClass() == CephClientException.class) {
					throw new CephClientException(ex.getMessage() + ": " + this.status.trim());
				}
				throw ex;
			}
			return this;
		}

	}

	/**
	 * One {@code osd blocklist ls} entry.
	 *
	 * @param address the client address, e.g. {@code 127.0.0.1:0/3710147553}
	 * @param until the expiry as the monitor prints it
	 */
	public record BlocklistEntry(String address, String until) {

		/**
		 * The IP part of the address ({@code 10.0.0.1} of {@code 10.0.0.1:0/1234},
		 * {@code fd00::1} of {@code [fd00::1]:0/1234}).
		 * @return the IP
		 */
		public String ip() {
			String plain = (this.address.startsWith("v1:") || this.address.startsWith("v2:"))
					? this.address.substring(3) : this.address;
			int slash = plain.lastIndexOf('/');
			String hostPort = (slash < 0) ? plain : plain.substring(0, slash);
			int colon = hostPort.lastIndexOf(':');
			String host = (colon < 0) ? hostPort : hostPort.substring(0, colon);
			return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		}

	}

	/** rados-java's cluster object, with access to the handle it hides. */
	private static final class Handle extends Rados {

		Handle(String clusterName, String clientName) {
			super(clusterName, clientName, 0);
		}

		Pointer pointer() {
			return this.clusterPtr;
		}

	}

}
