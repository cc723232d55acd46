package io.github.iscsigw.gateway;

import java.io.IOException;
import java.nio.file.Path;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.LunRef;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the legacy API tests that mutate: one embedded gateway {@code gw1.example.com}
 * on 127.0.0.1 with a fresh data folder per test class, {@code minimum_gateways = 1}, a
 * simulated configfs. Each test works on its own target IQN so tests stay independent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class LegacyApiTestSupport {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	protected static final String SELF = "gw1.example.com";

	/** Shared by every subclass, like the cached Spring context that uses it. */
	static final Path ROOT = TestGateway.tempDirectory("legacy-api");

	/**
	 * api_port: peers are called on the local api_port, so the test server must use it.
	 */
	protected static final int PORT = TestGateway.freePort();

	static {
		// The Spring context (and this folder) is shared by every subclass and cached for
		// the
		// whole test JVM, so the folder goes when the JVM ends, not after one class.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> TestGateway.deleteRecursively(ROOT)));
		TestGateway.in(ROOT).settings("""
				[config]
				api_host = 127.0.0.1
				api_secure = false
				minimum_gateways = 1
				api_port = %d
				""".formatted(PORT));
	}

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		TestGateway.in(ROOT).register(registry, SELF);
	}

	protected final int port = PORT;

	@Autowired
	protected ConfigRepository repository;

	protected RawHttp admin() {
		return RawHttp.to("127.0.0.1", this.port).basic("admin", "admin");
	}

	protected RawHttp.Response put(String path, String form) throws IOException {
		return admin().send("PUT", path, form);
	}

	protected RawHttp.Response delete(String path, String form) throws IOException {
		return admin().send("DELETE", path, form);
	}

	protected GatewayConfig document() {
		return this.repository.refresh().config();
	}

	protected static void assertAnswer(RawHttp.Response response, int status, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("message").asString()).isEqualTo(message);
	}

	/**
	 * Creates a target with this gateway as its portal on 127.0.0.1.
	 * @param iqn the target
	 * @throws IOException on a socket error
	 */
	protected void targetWithPortal(String iqn) throws IOException {
		assertAnswer(put("/api/target/" + iqn, null), 200, "Target defined successfully");
		assertAnswer(put("/api/gateway/" + iqn + "/" + SELF, "ip_address=127.0.0.1&skipchecks=true"), 200,
				"Gateway creation successful");
	}

	/**
	 * Registers a disk directly in the document (no image, no LIO), without exporting it.
	 * @param diskId {@code pool/image}
	 */
	protected void registerDisk(String diskId) {
		String pool = diskId.substring(0, diskId.indexOf('/'));
		String image = diskId.substring(diskId.indexOf('/') + 1);
		this.repository.commit((config) -> config.withDisk(diskId,
				new Disk(pool, image, 1, "00000000-0000-4000-8000-000000000000", Disk.USER_RBD, pool + "." + image,
						SELF, java.util.Map.of(), null, "2024/01/01 00:00:00", "2024/01/01 00:00:00")));
	}

	/**
	 * Registers a disk and exports it through a target directly in the document (no
	 * image, no LIO), for tests of what builds on exported disks.
	 * @param iqn the target (must exist)
	 * @param diskId {@code pool/image}
	 * @param lunId the target's LUN id for it
	 */
	protected void exportDisk(String iqn, String diskId, int lunId) {
		registerDisk(diskId);
		this.repository.commit((config) -> config.withDisk(diskId, config.disks().get(diskId).withOwner(SELF))
			.withTarget(iqn, config.targets().get(iqn).withDisk(diskId, new LunRef(lunId))));
	}

}
