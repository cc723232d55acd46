package io.github.iscsigw.ceph;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.iscsigw.ceph.image.PoolNotFoundException;
import io.github.iscsigw.ceph.testing.MicroCeph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Connecting (and failing fast when the cluster is not there) and the monitor commands
 * the gateway uses, on micro-ceph.
 */
@Tag("ceph")
@ExtendWith(MicroCeph.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CephClusterIT {

	private MicroCeph.Cluster micro;

	private CephCluster cluster;

	@BeforeAll
	void connect(MicroCeph.Cluster micro) {
		this.micro = micro;
		this.cluster = CephCluster.connect(micro.settings());
	}

	@AfterAll
	void disconnect() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void anUnreachableClusterFailsWithinTheConnectTimeout(@TempDir Path dir) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		Path conf = dir.resolve("ceph.conf");
		Files.writeString(conf, "[global]\nmon_host = 127.0.0.1:" + closedPort + "\nkeyring = "
				+ this.micro.dir().resolve("ceph.client.admin.keyring") + "\nlog_file = /dev/null\nadmin_socket =\n");
		CephSettings settings = CephSettings.forConfFile(conf)
			.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
		long started = System.nanoTime();
		assertThatExceptionOfType(CephUnavailableException.class).isThrownBy(() -> CephCluster.connect(settings))
			.withMessageContaining("connect to cluster ceph as client.admin");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void aMissingConfigurationFileIsReportedBeforeAnythingElse(@TempDir Path dir) {
		CephSettings settings = CephSettings.DEFAULTS.withCluster("nocluster", "client.admin", dir);
		assertThatExceptionOfType(CephUnavailableException.class).isThrownBy(() -> CephCluster.connect(settings))
			.withMessageContaining(dir.resolve("nocluster.conf").toString());
	}

	@Test
	void anUnknownIdentityIsRefused() {
		CephSettings settings = this.micro.settings()
			.withCluster("ceph", "client.nobody", this.micro.dir())
			.withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
		assertThatExceptionOfType(CephClientException.class).isThrownBy(() -> CephCluster.connect(settings))
			.withMessageContaining("client.nobody");
	}

	@Test
	void configKeysAreReadAndAbsentOnesAreEmpty() {
		String key = "iscsi/test/" + UUID.randomUUID();
		assertThat(this.cluster.configKeyGet(key)).isEmpty();
		this.cluster.configKeySet(key, "-----BEGIN CERTIFICATE-----\nabc\n");
		assertThat(this.cluster.configKeyGet(key))
			.hasValueSatisfying((value) -> assertThat(new String(value, StandardCharsets.UTF_8))
				.isEqualTo("-----BEGIN CERTIFICATE-----\nabc\n"));
		assertThat(this.micro.run("ceph", "config-key", "get", key).orFail().out())
			.isEqualTo("-----BEGIN CERTIFICATE-----\nabc\n");
	}

	@Test
	void blocklistEntriesAreAddedListedAndRemoved() {
		String address = "127.0.0.1:0/" + (100000 + (int) (Math.random() * 100000));
		this.cluster.blocklistAdd(address, Duration.ofMinutes(5));
		assertThat(this.cluster.blocklist()).anySatisfy((entry) -> {
			assertThat(entry.address()).isEqualTo(address);
			assertThat(entry.until()).isNotBlank();
		});
		this.cluster.blocklistRemove(address);
		assertThat(this.cluster.blocklist()).noneSatisfy((entry) -> assertThat(entry.address()).isEqualTo(address));
		// removing an address that is not listed is not an error (start-up clean-up runs
		// blindly)
		this.cluster.blocklistRemove(address);
	}

	@Test
	void theStartUpCleanUpRemovesTheEntriesOfGivenIpsOnly() {
		String ours = "127.0.0.9:0/" + (100000 + (int) (Math.random() * 100000));
		String theirs = "127.0.0.8:0/" + (100000 + (int) (Math.random() * 100000));
		this.cluster.blocklistAdd(ours, Duration.ofMinutes(5));
		this.cluster.blocklistAdd(theirs, Duration.ofMinutes(5));
		try {
			assertThat(this.cluster.blocklistRemoveForIps(java.util.List.of("127.0.0.9"))).containsExactly(ours);
			assertThat(this.cluster.blocklist()).extracting(CephCluster.BlocklistEntry::address)
				.contains(theirs)
				.doesNotContain(ours);
		}
		finally {
			this.cluster.blocklistRemove(theirs);
		}
	}

	@Test
	void theClientKnowsItsAddressAndIdAndThePoolIds() {
		assertThat(this.cluster.clientAddress()).matches("127\\.0\\.0\\.1:0/\\d+");
		assertThat(this.cluster.instanceId()).isPositive();
		String pools = this.micro.run("ceph", "osd", "pool", "ls", "detail").orFail().out();
		assertThat(pools).contains("pool " + this.cluster.poolId("rbd") + " 'rbd'");
		assertThatExceptionOfType(PoolNotFoundException.class).isThrownBy(() -> this.cluster.poolId("nope"));
		assertThatExceptionOfType(PoolNotFoundException.class).isThrownBy(() -> this.cluster.ioContext("nope"));
	}

	@Test
	void aClosedClusterRefusesToWork() {
		CephCluster other = CephCluster.connect(this.micro.settings());
		other.close();
		other.close();
		assertThat(other.isClosed()).isTrue();
		assertThatExceptionOfType(CephClientException.class).isThrownBy(() -> other.ioContext("rbd"))
			.withMessageContaining("closed");
	}

}
