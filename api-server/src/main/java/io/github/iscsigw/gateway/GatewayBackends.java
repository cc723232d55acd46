package io.github.iscsigw.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.iscsigw.ceph.CephClientException;
import io.github.iscsigw.ceph.CephCluster;
import io.github.iscsigw.ceph.CephSettings;
import io.github.iscsigw.ceph.image.FileImageStore;
import io.github.iscsigw.ceph.image.ImageStore;
import io.github.iscsigw.ceph.object.FileObjectStore;
import io.github.iscsigw.ceph.object.VersionedObjectStore;
import io.github.iscsigw.gateway.settings.GatewayProperties;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.settings.SettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config store and image store of this gateway: a Ceph cluster (RADOS object and RBD)
 * or local files (embedded mode), plus the configfs root it reconciles.
 *
 * @param modes what the banner prints
 * @param objectStore where {@code gateway.conf} lives
 * @param images where the disks' images live
 * @param cluster the Ceph connection, or {@code null} in embedded mode
 */
public record GatewayBackends(GatewayModes modes, VersionedObjectStore objectStore, ImageStore images,
		CephCluster cluster) implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GatewayBackends.class);

	/**
	 * Opens the backends the settings ask for.
	 * @param properties this implementation's options
	 * @param settings the settings file
	 * @return the open backends
	 */
	static GatewayBackends open(GatewayProperties properties, GatewaySettings settings) {
		Path data = properties.dataDir().toAbsolutePath().normalize();
		Path configfs = properties.configfsRoot();
		boolean simulated = !(Files.isDirectory(configfs) && Files.isWritable(configfs));
		if (simulated) {
			configfs = data.resolve("configfs");
			createDirectories(configfs);
		}
		if (effectiveMode(properties, settings) == GatewayProperties.Mode.CEPH) {
			return openCeph(settings, configfs, simulated);
		}
		Duration lockTimeout = Duration.ofSeconds(settings.timeOut());
		return new GatewayBackends(
				new GatewayModes("embedded file " + data.resolve("config").resolve(settings.gatewayConf()),
						"embedded sparse files under " + data.resolve("images"), configfs, simulated),
				new FileObjectStore(data.resolve("config"), lockTimeout, Duration.ofSeconds(1)),
				new FileImageStore(data.resolve("images"), "rbd", settings.pool()), null);
	}

	private static GatewayBackends openCeph(GatewaySettings settings, Path configfs, boolean simulated) {
		CephSettings ceph = CephSettings.DEFAULTS
			.withCluster(settings.clusterName(), settings.clusterClientName(), Path.of(settings.cephConfigDir()))
			.withPool(settings.pool())
			.withLock(Duration.ofSeconds(settings.timeOut()), CephSettings.DEFAULTS.lockDuration());
		CephCluster cluster;
		try {
			cluster = CephCluster.connect(ceph);
		}
		catch (CephClientException ex) {
			throw new SettingsException("cannot use the Ceph cluster (" + ceph.confFile() + ", as "
					+ ceph.clusterClientName() + "): " + ex.getMessage(), ex);
		}
		try {
			// as ceph-iscsi does at start-up: a previous incarnation of this gateway may
			// have
			// been blocklisted when its lock was broken
			List<String> removed = cluster.blocklistRemoveForIps(localIpv4Addresses());
			if (!removed.isEmpty()) {
				log.info("removed OSD blocklist entries of this host: {}", removed);
			}
			return new GatewayBackends(
					new GatewayModes(
							"RADOS object " + settings.pool() + "/" + settings.gatewayConf() + " in cluster "
									+ settings.clusterName() + " (" + ceph.confFile() + ")",
							"RBD images in cluster " + settings.clusterName(), configfs, simulated),
					cluster.objectStore(), cluster.imageStore(), cluster);
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	static GatewayProperties.Mode effectiveMode(GatewayProperties properties, GatewaySettings settings) {
		if (properties.mode() != GatewayProperties.Mode.AUTO) {
			return properties.mode();
		}
		Path conf = Path.of(settings.cephConfigDir(), settings.clusterName() + ".conf");
		return Files.isRegularFile(conf) ? GatewayProperties.Mode.CEPH : GatewayProperties.Mode.EMBEDDED;
	}

	private static List<String> localIpv4Addresses() {
		List<String> addresses = new ArrayList<>();
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				for (InetAddress address : Collections.list(nic.getInetAddresses())) {
					if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
						addresses.add(address.getHostAddress());
					}
				}
			}
		}
		catch (SocketException ex) {
			log.warn("cannot list network interfaces: {}", ex.getMessage());
		}
		return addresses;
	}

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + directory, ex);
		}
	}

	@Override
	public void close() {
		closeQuietly(this.objectStore);
		closeQuietly(this.images);
		if (this.cluster != null) {
			closeQuietly(this.cluster);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			log.warn("error while closing {}: {}", closeable.getClass().getSimpleName(), ex.getMessage());
		}
	}

}
