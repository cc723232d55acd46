package io.github.iscsigw.gateway.metrics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iscsigw.gateway.GatewayModes;
import io.github.iscsigw.lio.LioFixtures;
import io.github.iscsigw.lio.apply.Executor;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.MappedLun;
import io.github.iscsigw.lio.model.NodeAcl;
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.observe.ConfigfsReader;
import io.github.iscsigw.lio.plan.Planner;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exporter over a real loopback socket, on a simulated LIO tree built from the
 * gateway gw1 of lio-layout.md §10, its output parsed line by line.
 */
class MetricsExporterTests {

	static final String GW = "gw1.example.com";

	static final String TARGET = LioFixtures.TARGET;

	static final String CLIENT = LioFixtures.CLIENT;

	static final String LOGGED_IN = """
			InitiatorName: iqn.1994-05.com.example:client1
			InitiatorAlias: host1.example.com
			LIO Session ID: 3   ISID: 0x23 3d 00 00 00 00  TSIH: 3  SessionType: Normal
			Session State: TARG_SESS_STATE_LOGGED_IN
			---------------------[iSCSI Session Values]-----------------------
			  CmdSN/WR  :  CmdSN/WC  :  ExpCmdSN  :  MaxCmdSN  :     ITT    :     TTT
			 0x00000014   0x00000014   0x00000014   0x00000094   0x0000001e   0xffffffff
			----------------------[iSCSI Connections]-------------------------
			CID: 0  Connection State: TARG_CONN_STATE_LOGGED_IN
			   Address 192.168.10.50 TCP  StatSN: 0x00000017
			""";

	private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)\\{(.*)\\} (\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"(,|$)");

	@TempDir
	Path dir;

	private final List<MetricsExporter> started = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@AfterEach
	void stopExporters() {
		this.started.forEach(MetricsExporter::stop);
	}

	Path root() {
		return this.dir.resolve("target");
	}

	SimulatedConfigfs lio(LioConfig desired) {
		SimulatedConfigfs fs = SimulatedConfigfs.open(root(), true);
		new Executor(fs).apply(Planner.plan(new ConfigfsReader(fs).observe(desired), desired));
		return fs;
	}

	MetricsExporter exporter(boolean enabled, int port) {
		MetricsExporter exporter = new MetricsExporter(enabled, "127.0.0.1", port,
				new GatewayModes("test", "test", root(), true), GW);
		this.started.add(exporter);
		exporter.start();
		return exporter;
	}

	HttpResponse<String> get(MetricsExporter exporter, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	void write(String relative, String content) throws IOException {
		Path file = root().resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	String stats(String client, int mappedLun) {
		return "iscsi/" + TARGET + "/tpgt_1/acls/" + client + "/lun_" + mappedLun + "/statistics/scsi_auth_intr/";
	}

	@Test
	void metricsOfTheGatewayOfTheSpec() throws Exception {
		lio(LioFixtures.cephGatewayOne());
		write(stats(CLIENT, 0) + "num_cmds", "1234\n");
		write(stats(CLIENT, 0) + "read_mbytes", "5\n");
		write(stats(CLIENT, 0) + "write_mbytes", "7\n");
		write(stats(CLIENT, 1) + "num_cmds", "42\n");
		write(stats(CLIENT, 1) + "read_mbytes", "0\n");
		write(stats(CLIENT, 1) + "write_mbytes", "1\n");
		write("iscsi/" + TARGET + "/tpgt_1/acls/" + CLIENT + "/info", LOGGED_IN);
		MetricsExporter exporter = exporter(true, 0);
		assertThat(exporter.listening()).isTrue();

		HttpResponse<String> response = get(exporter, "/metrics");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		String body = response.body();
		assertThat(body).doesNotEndWith("\n");
		// the spec's example, verbatim
		assertThat(body).contains("""
				#HELP: ceph_iscsi_client_login iscsi client session active (0=No, 1=Yes)
				#TYPE: ceph_iscsi_client_login gauge
				ceph_iscsi_client_login{gw_name="gw1.example.com",client_iqn="iqn.1994-05.com.example:client1"} 1
				""");
		assertThat(body).contains("""
				#HELP: ceph_iscsi_lun_size_bytes LUN size (bytes)
				#TYPE: ceph_iscsi_lun_size_bytes gauge
				ceph_iscsi_lun_size_bytes{lun_name="rbd.disk_1",gw_name="gw1.example.com"} 10737418240
				""");

		Exposition parsed = Exposition.parse(body);
		assertThat(parsed.names()).containsExactly("ceph_iscsi_client_login", "ceph_iscsi_client_lun",
				"ceph_iscsi_gateway_tpg_total", "ceph_iscsi_lun_iops", "ceph_iscsi_lun_mapped",
				"ceph_iscsi_lun_read_bytes", "ceph_iscsi_lun_size_bytes", "ceph_iscsi_lun_write_bytes",
				"ceph_iscsi_scrape_duration_seconds");
		assertThat(parsed.help())
			.containsEntry("ceph_iscsi_scrape_duration_seconds", "time taken to scrape iscsi stats (secs)")
			.containsEntry("ceph_iscsi_gateway_tpg_total", "target portal groups defined within gateway group")
			.containsEntry("ceph_iscsi_lun_mapped", "LUN mapping state 0=unmapped, 1=mapped")
			.containsEntry("ceph_iscsi_lun_size_bytes", "LUN size (bytes)")
			.containsEntry("ceph_iscsi_lun_iops", "IOPS per LUN per client")
			.containsEntry("ceph_iscsi_lun_read_bytes", "read bytes per LUN per client")
			.containsEntry("ceph_iscsi_lun_write_bytes", "write bytes per LUN client")
			.containsEntry("ceph_iscsi_client_login", "iscsi client session active (0=No, 1=Yes)")
			.containsEntry("ceph_iscsi_client_lun", "LUN ID by client");
		assertThat(parsed.types()).containsEntry("ceph_iscsi_lun_iops", "counter")
			.containsEntry("ceph_iscsi_lun_read_bytes", "counter")
			.containsEntry("ceph_iscsi_lun_write_bytes", "counter")
			.containsEntry("ceph_iscsi_client_login", "gauge")
			.containsEntry("ceph_iscsi_scrape_duration_seconds", "gauge");

		assertThat(parsed.samples("ceph_iscsi_gateway_tpg_total"))
			.containsExactly(new Sample(List.of("gw_iqn=" + TARGET), "2"));
		assertThat(parsed.samples("ceph_iscsi_lun_mapped")).containsExactly(
				new Sample(List.of("lun_name=rbd.disk_1", "gw_name=" + GW, "gw_owner=192.168.10.11"), "1"),
				new Sample(List.of("lun_name=rbd.disk_2", "gw_name=" + GW, "gw_owner=192.168.10.12"), "1"));
		assertThat(parsed.samples("ceph_iscsi_lun_size_bytes")).containsExactly(
				new Sample(List.of("lun_name=rbd.disk_1", "gw_name=" + GW), "10737418240"),
				new Sample(List.of("lun_name=rbd.disk_2", "gw_name=" + GW), "21474836480"));
		List<String> disk1 = List.of("gw_name=" + GW, "client_iqn=" + CLIENT, "lun_name=rbd.disk_1");
		List<String> disk2 = List.of("gw_name=" + GW, "client_iqn=" + CLIENT, "lun_name=rbd.disk_2");
		assertThat(parsed.samples("ceph_iscsi_lun_iops")).containsExactly(new Sample(disk1, "1234"),
				new Sample(disk2, "42"));
		assertThat(parsed.samples("ceph_iscsi_lun_read_bytes")).containsExactly(new Sample(disk1, "5242880"),
				new Sample(disk2, "0"));
		assertThat(parsed.samples("ceph_iscsi_lun_write_bytes")).containsExactly(new Sample(disk1, "7340032"),
				new Sample(disk2, "1048576"));
		assertThat(parsed.samples("ceph_iscsi_client_login"))
			.containsExactly(new Sample(List.of("gw_name=" + GW, "client_iqn=" + CLIENT), "1"));
		assertThat(parsed.samples("ceph_iscsi_client_lun")).containsExactly(new Sample(disk1, "0"),
				new Sample(disk2, "1"));
		List<Sample> duration = parsed.samples("ceph_iscsi_scrape_duration_seconds");
		assertThat(duration).hasSize(1);
		assertThat(duration.get(0).labels()).containsExactly("gw_name=" + GW);
		assertThat(Double.parseDouble(duration.get(0).value())).isGreaterThan(0).isLessThan(10);

		// the session ends, the counters grow
		write("iscsi/" + TARGET + "/tpgt_1/acls/" + CLIENT + "/info",
				"No active iSCSI Session for Initiator Endpoint: " + CLIENT + "\n");
		write(stats(CLIENT, 0) + "num_cmds", "2000\n");
		Exposition later = Exposition.parse(get(exporter, "/metrics").body());
		assertThat(later.samples("ceph_iscsi_client_login"))
			.containsExactly(new Sample(List.of("gw_name=" + GW, "client_iqn=" + CLIENT), "0"));
		assertThat(later.samples("ceph_iscsi_lun_iops")).containsExactly(new Sample(disk1, "2000"),
				new Sample(disk2, "42"));
	}

	@Test
	void unmappedDiskAndKernelDefaultCounters() throws Exception {
		// disk1 is a LUN of the TPG that no ACL maps
		LioConfig fixture = LioFixtures.oneTargetTwoLuns();
		Tpg tpg = fixture.targets().get(0).tpgs().get(0);
		NodeAcl acl = tpg.acls().get(0);
		Tpg changed = new Tpg(tpg.tag(), tpg.enabled(), tpg.attributes(), tpg.parameters(), tpg.chap(), tpg.portals(),
				tpg.luns(), List.of(new NodeAcl(acl.initiator(), acl.chap(), acl.attributes(), acl.cmdsnDepth(),
						List.of(MappedLun.of(0)))));
		lio(new LioConfig(fixture.storageObjects(), List.of(new Target(TARGET, List.of(changed))),
				fixture.discoveryAuth(), null));
		MetricsExporter exporter = exporter(true, 0);
		Exposition parsed = Exposition.parse(get(exporter, "/metrics").body());
		// no ALUA groups: no owner
		assertThat(parsed.samples("ceph_iscsi_lun_mapped")).containsExactly(
				new Sample(List.of("lun_name=disk0", "gw_name=" + GW, "gw_owner="), "1"),
				new Sample(List.of("lun_name=disk1", "gw_name=" + GW, "gw_owner="), "0"));
		assertThat(parsed.samples("ceph_iscsi_lun_size_bytes")).containsExactly(
				new Sample(List.of("lun_name=disk0", "gw_name=" + GW), Long.toString(64L << 20)),
				new Sample(List.of("lun_name=disk1", "gw_name=" + GW), Long.toString(32L << 20)));
		// the simulated kernel's initial counters and no session
		assertThat(parsed.samples("ceph_iscsi_lun_iops"))
			.containsExactly(new Sample(List.of("gw_name=" + GW, "client_iqn=" + CLIENT, "lun_name=disk0"), "0"));
		assertThat(parsed.samples("ceph_iscsi_client_login"))
			.containsExactly(new Sample(List.of("gw_name=" + GW, "client_iqn=" + CLIENT), "0"));
	}

	@Test
	void tpgWithoutPortalDoesNotFailTheScrape() throws Exception {
		SimulatedConfigfs fs = lio(LioFixtures.cephGatewayOne());
		fs.rmdir("iscsi/" + TARGET + "/tpgt_2/np/192.168.10.12:3260");
		MetricsExporter exporter = exporter(true, 0);
		HttpResponse<String> response = get(exporter, "/metrics");
		assertThat(response.statusCode()).isEqualTo(200);
		Exposition parsed = Exposition.parse(response.body());
		assertThat(parsed.samples("ceph_iscsi_lun_mapped")).containsExactly(
				new Sample(List.of("lun_name=rbd.disk_1", "gw_name=" + GW, "gw_owner=192.168.10.11"), "1"),
				new Sample(List.of("lun_name=rbd.disk_2", "gw_name=" + GW, "gw_owner="), "1"));
		assertThat(parsed.samples("ceph_iscsi_gateway_tpg_total"))
			.containsExactly(new Sample(List.of("gw_iqn=" + TARGET), "2"));
	}

	@Test
	void noTargetAndNoTpgAnswer404() throws Exception {
		SimulatedConfigfs fs = SimulatedConfigfs.open(root(), true);
		MetricsExporter exporter = exporter(true, 0);
		HttpResponse<String> none = get(exporter, "/metrics");
		assertThat(none.statusCode()).isEqualTo(404);
		assertThat(none.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(none.body()).isEqualTo("{\"message\":\"Could not get metrics: No targets setup.\"}");
		fs.mkdir("iscsi/" + TARGET);
		HttpResponse<String> noTpg = get(exporter, "/metrics");
		assertThat(noTpg.statusCode()).isEqualTo(404);
		assertThat(noTpg.body()).isEqualTo("{\"message\":\"Could not get metrics: Target not mapped to gateway.\"}");
		fs.mkdir("iscsi/" + TARGET + "/tpgt_1");
		HttpResponse<String> tpg = get(exporter, "/metrics");
		assertThat(tpg.statusCode()).isEqualTo(200);
		assertThat(Exposition.parse(tpg.body()).samples("ceph_iscsi_gateway_tpg_total"))
			.containsExactly(new Sample(List.of("gw_iqn=" + TARGET), "1"));
	}

	@Test
	void indexPageAndOtherRoutes() throws Exception {
		MetricsExporter exporter = exporter(true, 0);
		HttpResponse<String> index = get(exporter, "/");
		assertThat(index.statusCode()).isEqualTo(200);
		assertThat(index.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(index.body()).contains("<a href='/metrics'>Metrics</a>");
		assertThat(get(exporter, "/nothing").statusCode()).isEqualTo(404);
		HttpResponse<String> post = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(405);
	}

	@Test
	void disabledExporterListensNowhere() {
		MetricsExporter exporter = exporter(false, 0);
		assertThat(exporter.isRunning()).isTrue();
		assertThat(exporter.listening()).isFalse();
		assertThat(exporter.port()).isEqualTo(-1);
	}

	@Test
	void busyPortIsLoggedNotFatal() throws Exception {
		try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			MetricsExporter exporter = exporter(true, busy.getLocalPort());
			assertThat(exporter.isRunning()).isTrue();
			assertThat(exporter.listening()).isFalse();
		}
	}

	@Test
	void stopReleasesThePort() throws Exception {
		MetricsExporter exporter = exporter(true, 0);
		int port = exporter.port();
		assertThat(get(exporter, "/").statusCode()).isEqualTo(200);
		exporter.stop();
		assertThat(exporter.listening()).isFalse();
		try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThat(again.getLocalPort()).isEqualTo(port);
		}
	}

	record Sample(List<String> labels, String value) {
	}

	/** ceph-iscsi's exposition text, parsed strictly. */
	record Exposition(List<String> names, Map<String, String> help, Map<String, String> types,
			Map<String, List<Sample>> all) {

		List<Sample> samples(String name) {
			return this.all.getOrDefault(name, List.of());
		}

		static Exposition parse(String text) {
			List<String> names = new ArrayList<>();
			Map<String, String> help = new LinkedHashMap<>();
			Map<String, String> types = new LinkedHashMap<>();
			Map<String, List<Sample>> samples = new LinkedHashMap<>();
			String current = null;
			for (String line : text.split("\n", -1)) {
				if (line.startsWith("#HELP: ")) {
					String rest = line.substring("#HELP: ".length());
					current = rest.substring(0, rest.indexOf(' '));
					names.add(current);
					help.put(current, rest.substring(current.length() + 1));
				}
				else if (line.startsWith("#TYPE: ")) {
					String[] parts = line.substring("#TYPE: ".length()).split(" ");
					assertThat(parts).hasSize(2);
					assertThat(parts[0]).isEqualTo(current);
					types.put(parts[0], parts[1]);
				}
				else {
					Matcher sample = SAMPLE.matcher(line);
					assertThat(sample.matches()).as("sample line '%s'", line).isTrue();
					assertThat(sample.group(1)).isEqualTo(current);
					List<String> labels = new ArrayList<>();
					Matcher label = LABEL.matcher(sample.group(2));
					int end = 0;
					while (label.find()) {
						assertThat(label.start()).isEqualTo(end);
						labels.add(label.group(1) + "=" + label.group(2));
						end = label.end();
					}
					assertThat(end).as("labels of '%s'", line).isEqualTo(sample.group(2).length());
					samples.computeIfAbsent(current, (key) -> new ArrayList<>())
						.add(new Sample(labels, sample.group(3)));
				}
			}
			return new Exposition(names, help, types, samples);
		}

	}

}
