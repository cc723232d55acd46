package io.github.iscsigw.ceph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the Ceph cluster, with ceph-iscsi's setting names: the configuration file
 * is {@code <cephConfigDir>/<clusterName>.conf} and the cephx identity
 * {@code clusterClientName}; the keyring is found by librados from that file (or its
 * defaults), as in ceph-iscsi.
 * <p>
 * Unlike ceph-iscsi, every wait is bounded: connecting gives up after
 * {@code connectTimeout} ({@code client_mount_timeout}), a single RADOS or monitor
 * operation after {@code opTimeout} ({@code rados_osd_op_timeout},
 * {@code rados_mon_op_timeout}), and a commit waiting for the config lock after
 * {@code lockTimeout}.
 *
 * @param clusterName ceph-iscsi {@code cluster_name} (default {@code ceph})
 * @param clusterClientName ceph-iscsi {@code cluster_client_name} (default
 * {@code client.admin})
 * @param cephConfigDir ceph-iscsi {@code ceph_config_dir} (default {@code /etc/ceph})
 * @param pool ceph-iscsi {@code pool}: the pool of the config object (default
 * {@code rbd})
 * @param connectTimeout how long connecting may take before failing
 * @param opTimeout how long one RADOS or monitor operation may take before failing
 * @param lockTimeout how long a commit waits for the config lock (ceph-iscsi: 30 s)
 * @param lockDuration how long a lock taken by this client stays valid if the client dies
 * while holding it (see {@code README}: crashed holders)
 */
public record CephSettings(String clusterName, String clusterClientName, Path cephConfigDir, String pool,
		Duration connectTimeout, Duration opTimeout, Duration lockTimeout, Duration lockDuration) {

	/** ceph-iscsi's defaults, with bounded waits. */
	public static final CephSettings DEFAULTS = new CephSettings("ceph", "client.admin", Path.of("/etc/ceph"), "rbd",
			Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(15));

	public CephSettings {
		requireText(clusterName, "clusterName");
		requireText(clusterClientName, "clusterClientName");
		requireText(pool, "pool");
		Objects.requireNonNull(cephConfigDir, "cephConfigDir");
		requirePositive(connectTimeout, "connectTimeout");
		requirePositive(opTimeout, "opTimeout");
		requirePositive(lockTimeout, "lockTimeout");
		requirePositive(lockDuration, "lockDuration");
		if (!clusterClientName.contains(".")) {
			// librados wants "<type>.<id>"; ceph-iscsi users sometimes write just the id
			clusterClientName = "client." + clusterClientName;
		}
	}

	/**
	 * Settings for a cluster whose configuration file is {@code confFile} (e.g. a
	 * micro-ceph directory's {@code ceph.conf}); everything else as in {@link #DEFAULTS}.
	 * @param confFile path of {@code <cluster>.conf}
	 * @return the settings
	 */
	public static CephSettings forConfFile(Path confFile) {
		String file = confFile.getFileName().toString();
		if (!file.endsWith(".conf")) {
			throw new IllegalArgumentException("not a ceph configuration file (*.conf): " + confFile);
		}
		Path dir = confFile.toAbsolutePath().getParent();
		return DEFAULTS.withCluster(file.substring(0, file.length() - 5), DEFAULTS.clusterClientName(), dir);
	}

	/**
	 * The Ceph configuration file: {@code <cephConfigDir>/<clusterName>.conf}.
	 * @return the path
	 */
	public Path confFile() {
		return this.cephConfigDir.resolve(this.clusterName + ".conf");
	}

	public CephSettings withCluster(String clusterName, String clusterClientName, Path cephConfigDir) {
		return new CephSettings(clusterName, clusterClientName, cephConfigDir, this.pool, this.connectTimeout,
				this.opTimeout, this.lockTimeout, this.lockDuration);
	}

	public CephSettings withPool(String pool) {
		return new CephSettings(this.clusterName, this.clusterClientName, this.cephConfigDir, pool, this.connectTimeout,
				this.opTimeout, this.lockTimeout, this.lockDuration);
	}

	public CephSettings withTimeouts(Duration connectTimeout, Duration opTimeout) {
		return new CephSettings(this.clusterName, this.clusterClientName, this.cephConfigDir, this.pool, connectTimeout,
				opTimeout, this.lockTimeout, this.lockDuration);
	}

	public CephSettings withLock(Duration lockTimeout, Duration lockDuration) {
		return new CephSettings(this.clusterName, this.clusterClientName, this.cephConfigDir, this.pool,
				this.connectTimeout, this.opTimeout, lockTimeout, lockDuration);
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
	}

	private static void requirePositive(Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
