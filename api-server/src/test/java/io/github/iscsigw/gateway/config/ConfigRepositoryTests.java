package io.github.iscsigw.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.iscsigw.ceph.object.FileObjectStore;
import io.github.iscsigw.ceph.object.VersionedObject;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.ConfigFormatException;
import io.github.iscsigw.gateway.state.Gateway;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigRepositoryTests {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path dir;

	final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	FileObjectStore store() {
		FileObjectStore store = new FileObjectStore(this.dir, Duration.ofSeconds(5), Duration.ofMillis(50));
		this.closeables.add(store);
		return store;
	}

	ConfigRepository repository(FileObjectStore store) {
		ConfigRepository repository = new ConfigRepository(store, "gateway.conf",
				new GatewayIdentity("gw1.example.com"), () -> false, CLOCK);
		this.closeables.add(repository);
		repository.start();
		return repository;
	}

	@Test
	void seedsAnEmptyObjectAtEpochZeroLikeCephIscsi() throws IOException {
		FileObjectStore store = store();
		ConfigRepository repository = repository(store);
		assertThat(repository.current().epoch()).isZero();
		assertThat(repository.current().config()).isEqualTo(GatewayConfig.seed("2024/06/01 12:00:00"));
		VersionedObject stored = store.read("gateway.conf");
		assertThat(stored.epoch()).isZero();
		assertThat(new String(stored.content(), StandardCharsets.UTF_8)).isEqualTo(
				new String(ConfigCodec.write(GatewayConfig.seed("2024/06/01 12:00:00")), StandardCharsets.UTF_8));
		assertThat(Files.readString(this.dir.resolve("gateway.conf.epoch"))).isEqualTo("0");
	}

	@Test
	void commitIncrementsTheEpochInTheDocumentAndTheStore() {
		FileObjectStore store = store();
		ConfigRepository repository = repository(store);
		ConfigRepository.Snapshot committed = repository
			.commit((config) -> config.withGateway("gw1.example.com", new Gateway(0, "x", "x")));
		assertThat(committed.epoch()).isEqualTo(1);
		assertThat(committed.config().epoch()).isEqualTo(1);
		assertThat(committed.config().updated()).isEqualTo("2024/06/01 12:00:00");
		assertThat(repository.current()).isEqualTo(committed);
		GatewayConfig reread = ConfigCodec
			.read(store.read("gateway.conf").content(), Migrations.Context.of("gw1.example.com", false, CLOCK))
			.config();
		assertThat(reread).isEqualTo(committed.config());
	}

	@Test
	void aRestartKeepsTheDocumentAndItsEpoch() {
		ConfigRepository first = repository(store());
		first.commit((config) -> config.withGateway("gw1.example.com", new Gateway(0, "x", "x")));
		ConfigRepository.Snapshot before = first
			.commit((config) -> config.withGateway("gw2", new Gateway(1, "y", "y")));
		first.close();
		ConfigRepository second = repository(store());
		assertThat(second.current()).isEqualTo(before);
		assertThat(second.current().epoch()).isEqualTo(2);
	}

	@Test
	void concurrentWritersLoseNothing() throws Exception {
		ConfigRepository a = repository(store());
		ConfigRepository b = repository(store());
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String name = "gw" + i;
				ConfigRepository repository = (i % 2 == 0) ? a : b;
				futures.add(pool
					.submit(() -> repository.commit((config) -> config.withGateway(name, new Gateway(0, "", "")))));
			}
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		ConfigRepository.Snapshot last = a.refresh();
		assertThat(last.config().gateways()).hasSize(40);
		assertThat(last.epoch()).isEqualTo(40);
	}

	@Test
	void aPeersCommitIsSeenThroughTheWatch() throws Exception {
		ConfigRepository watcher = repository(store());
		ConfigRepository writer = repository(store());
		writer.commit((config) -> config.withGateway("gw9", new Gateway(0, "", "")));
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (watcher.current().epoch() != 1 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(watcher.current().config().gateways()).containsKey("gw9");
	}

	@Test
	void aCorruptedDocumentNeverReplacesTheLastGoodOne() throws Exception {
		FileObjectStore store = store();
		ConfigRepository repository = repository(store);
		ConfigRepository.Snapshot good = repository
			.commit((config) -> config.withGateway("gw1.example.com", new Gateway(0, "", "")));
		store.commit("gateway.conf", "{not json".getBytes(StandardCharsets.UTF_8), good.epoch());
		assertThat(repository.refresh()).isEqualTo(good);
		assertThat(repository.current()).isEqualTo(good);
	}

	@Test
	void aCorruptedDocumentAtStartUpIsAClearError() throws IOException {
		Files.writeString(this.dir.resolve("gateway.conf"), "[1, 2");
		Files.writeString(this.dir.resolve("gateway.conf.epoch"), "3");
		FileObjectStore store = store();
		ConfigRepository repository = new ConfigRepository(store, "gateway.conf", new GatewayIdentity("gw1"),
				() -> false, CLOCK);
		assertThatThrownBy(repository::start).isInstanceOf(ConfigFormatException.class);
	}

}
