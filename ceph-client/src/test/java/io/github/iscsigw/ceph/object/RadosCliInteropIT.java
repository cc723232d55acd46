package io.github.iscsigw.ceph.object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.iscsigw.ceph.CephCluster;
import io.github.iscsigw.ceph.testing.MicroCeph;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What we write is what ceph-iscsi would have written ({@code gateway-conf.md} §1),
 * checked with the raw {@code rados} tool, and what a ceph-iscsi-style writer (no notify)
 * writes is read and noticed by polling.
 */
@Tag("ceph")
@ExtendWith(MicroCeph.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RadosCliInteropIT {

	/**
	 * ceph-iscsi's seed document: json.dumps(sort_keys=True, indent=4, separators=(',',
	 * ': ')).
	 */
	private static final String SEED = """
			{
			    "created": "2026/11/25 12:00:00",
			    "discovery_auth": {
			        "mutual_password": "",
			        "mutual_password_encryption_enabled": false,
			        "mutual_username": "",
			        "password": "",
			        "password_encryption_enabled": false,
			        "username": ""
			    },
			    "disks": {},
			    "epoch": 0,
			    "gateways": {},
			    "targets": {},
			    "updated": "",
			    "version": 11
			}""";

	private MicroCeph.Cluster micro;

	private CephCluster cluster;

	private RadosObjectStore store;

	@BeforeAll
	void connect(MicroCeph.Cluster micro) {
		this.micro = micro;
		this.cluster = CephCluster.connect(micro.settings());
		this.store = this.cluster.objectStore();
	}

	@AfterAll
	void disconnect() {
		if (this.store != null) {
			this.store.close();
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void aCommittedDocumentIsByteForByteWhatTheRadosToolReads(@TempDir Path dir) throws Exception {
		this.micro.run("rados", "-p", "rbd", "rm", "gateway.conf");
		this.store.createIfAbsent("gateway.conf");
		byte[] seed = SEED.getBytes(StandardCharsets.UTF_8);
		assertThat(this.store.commit("gateway.conf", seed, VersionedObjectStore.NO_EPOCH)).isZero();

		Path out = dir.resolve("gateway.conf");
		this.micro.run("rados", "-p", "rbd", "get", "gateway.conf", out.toString()).orFail();
		assertThat(Files.readAllBytes(out)).isEqualTo(seed);
		assertThat(this.micro.run("rados", "-p", "rbd", "getxattr", "gateway.conf", "epoch").orFail().stdout())
			.as("plain ASCII digits, no NUL, no newline")
			.isEqualTo("0".getBytes(StandardCharsets.US_ASCII));
		// cls_lock keeps its state in "lock.lock", as it does for ceph-iscsi's own
		// commits
		assertThat(this.micro.run("rados", "-p", "rbd", "listxattr", "gateway.conf").orFail().out().split("\n"))
			.containsExactlyInAnyOrder("epoch", "lock.lock");
		// the commit released ceph-iscsi's lock
		assertThat(this.micro.run("rados", "-p", "rbd", "lock", "info", "gateway.conf", "lock").orFail().out())
			.contains("\"lockers\":[]");

		byte[] next = SEED.replace("\"epoch\": 0", "\"epoch\": 1").getBytes(StandardCharsets.UTF_8);
		assertThat(this.store.commit("gateway.conf", next, 0)).isEqualTo(1);
		this.micro.run("rados", "-p", "rbd", "get", "gateway.conf", out.toString()).orFail();
		assertThat(Files.readAllBytes(out)).isEqualTo(next);
		assertThat(this.micro.run("rados", "-p", "rbd", "getxattr", "gateway.conf", "epoch").orFail().out())
			.isEqualTo("1");
	}

	@Test
	void aWriteByACephIscsiStyleWriterIsReadAndNoticedByPolling(@TempDir Path dir) throws Exception {
		String name = "interop-" + System.nanoTime();
		this.store.createIfAbsent(name);
		this.store.commit(name, "{}".getBytes(StandardCharsets.UTF_8), VersionedObjectStore.NO_EPOCH);
		BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
		try (VersionedObjectStore.Subscription subscription = this.store.watch(name, seen::add)) {
			Path in = dir.resolve("doc");
			Files.writeString(in, "{\"written\": \"by rados\"}");
			// what ceph-iscsi does: lock, write_full, setxattr epoch, unlock; no notify
			this.micro.run("rados", "-p", "rbd", "put", name, in.toString()).orFail();
			this.micro.run("rados", "-p", "rbd", "setxattr", name, "epoch", "7").orFail();
			assertThat(seen.poll(3, TimeUnit.SECONDS)).isEqualTo(7L);
		}
		assertThat(this.store.read(name))
			.isEqualTo(new VersionedObject("{\"written\": \"by rados\"}".getBytes(StandardCharsets.UTF_8), 7));
		assertThat(this.store.commit(name, "{}".getBytes(StandardCharsets.UTF_8), 7)).isEqualTo(8);
	}

}
