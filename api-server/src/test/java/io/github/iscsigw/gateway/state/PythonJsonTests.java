package io.github.iscsigw.gateway.state;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected strings were produced with CPython 3.11's {@code json.dumps}.
 */
class PythonJsonTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	@Test
	void defaultModeKeepsInsertionOrderAndEscapesLikePython() {
		ObjectNode node = NODES.objectNode();
		ObjectNode nested = NODES.objectNode();
		nested.putArray("x");
		node.putArray("b").add(NODES.objectNode()).add(NODES.arrayNode()).add(nested);
		node.put("a", "Zürich \u00e9 \uD83D\uDE00 \u007f \u0001 \" \\ / \n\t\b\f\r");
		node.putNull("n");
		node.put("i", new BigInteger("12345678901234567890123"));
		node.put("t", true);
		assertThat(PythonJson.dumps(node)).isEqualTo("{\"b\": [{}, [], {\"x\": []}], "
				+ "\"a\": \"Z\\u00fcrich \\u00e9 \\ud83d\\ude00 \\u007f \\u0001 \\\" \\\\ / \\n\\t\\b\\f\\r\", "
				+ "\"n\": null, \"i\": 12345678901234567890123, \"t\": true}");
	}

	@Test
	void configObjectModeSortsAndIndentsWithPythonEmptyContainers() {
		ObjectNode node = NODES.objectNode();
		ObjectNode z = node.putObject("z");
		z.put("y", 1);
		z.putArray("x").add(1).add(NODES.objectNode().putNull("q"));
		node.put("a", "Zürich \u007f \u0001");
		ObjectNode nested = NODES.objectNode();
		nested.putArray("x");
		node.putArray("b").add(NODES.objectNode()).add(NODES.arrayNode()).add(nested);
		String expected = """
				{
				    "a": "Z\\u00fcrich \\u007f \\u0001",
				    "b": [
				        {},
				        [],
				        {
				            "x": []
				        }
				    ],
				    "z": {
				        "x": [
				            1,
				            {
				                "q": null
				            }
				        ],
				        "y": 1
				    }
				}""";
		assertThat(PythonJson.dumps(node, PythonJson.CONFIG_OBJECT)).isEqualTo(expected);
	}

	@Test
	void withoutEnsureAsciiOnlyControlCharactersAreEscaped() {
		ObjectNode node = NODES.objectNode().put("b", "é\u007f\uD83D\uDE00\u0002");
		PythonJson.Style style = new PythonJson.Style(-1, ", ", ": ", false, false);
		assertThat(PythonJson.dumps(node, style)).isEqualTo("{\"b\": \"é\u007f\uD83D\uDE00\\u0002\"}");
	}

	@Test
	void keysSortByCodePointLikePython() {
		ObjectNode node = NODES.objectNode();
		node.put("\uD83D\uDE00", 1);
		node.put("\uffff", 2);
		node.put("a", 3);
		// UTF-16 order would put the surrogate pair before U+FFFF
		assertThat(PythonJson.dumps(node, new PythonJson.Style(-1, ", ", ": ", true, true)))
			.isEqualTo("{\"a\": 3, \"\\uffff\": 2, \"\\ud83d\\ude00\": 1}");
	}

	@Test
	void flaskCompactMode() {
		ObjectNode node = NODES.objectNode().put("message", "pong");
		node.putArray("data").add("a").add(2);
		assertThat(PythonJson.dumps(node, PythonJson.FLASK_COMPACT))
			.isEqualTo("{\"data\":[\"a\",2],\"message\":\"pong\"}");
	}

	@ParameterizedTest
	@CsvSource({ "0.0, 0.0", "-0.0, -0.0", "1.0, 1.0", "0.1, 0.1", "100.0, 100.0", "123456789.0, 123456789.0",
			"1e16, 1e+16", "1.5e16, 1.5e+16", "1234567890123456.0, 1234567890123456.0",
			"9999999999999998.0, 9999999999999998.0", "0.0001, 0.0001", "0.00001, 1e-05",
			"3.0000000000000004e-05, 3.0000000000000004e-05", "4.9e-324, 5e-324",
			"1.7976931348623157e308, 1.7976931348623157e+308", "0.002, 0.002", "1e22, 1e+22", "2e23, 2e+23",
			"0.6666666666666666, 0.6666666666666666", "-2.5e-7, -2.5e-07", "4.35, 4.35", "8.41e21, 8.41e+21",
			"1.1e-4, 0.00011" })
	void floatsAreWrittenAsPythonRepr(double value, String python) {
		assertThat(PythonJson.dumps(DoubleNode.valueOf(value))).isEqualTo(python);
	}

	@Test
	void nonFiniteFloatsAsPythonWritesThem() {
		assertThat(PythonJson
			.dumps(NODES.arrayNode().add(Double.NaN).add(Double.POSITIVE_INFINITY).add(Double.NEGATIVE_INFINITY)))
			.isEqualTo("[NaN, Infinity, -Infinity]");
	}

	@Test
	void settingsHashInputOfSettingsSection4() throws NoSuchAlgorithmException {
		// settings.md §4: the all-defaults string and its SHA-256 test vector
		String spec = "{\"cluster_name\": \"ceph\", \"pool\": \"rbd\", \"time_out\": 30, \"api_host\": \"::\", "
				+ "\"api_port\": 5000, \"api_secure\": true, \"api_ssl_verify\": false, \"loop_delay\": 2, "
				+ "\"trusted_ip_list\": [], \"api_user\": \"admin\", \"api_password\": \"admin\", "
				+ "\"ceph_user\": \"admin\", \"debug\": false, \"minimum_gateways\": 2, "
				+ "\"ceph_config_dir\": \"/etc/ceph\", \"gateway_conf\": \"gateway.conf\", "
				+ "\"priv_key\": \"iscsi-gateway.key\", \"pub_key\": \"iscsi-gateway-pub.key\", "
				+ "\"prometheus_exporter\": true, \"prometheus_port\": 9287, \"prometheus_host\": \"::\", "
				+ "\"log_to_stderr\": false, \"log_to_stderr_prefix\": \"\", \"log_to_file\": true, "
				+ "\"alua_failover_type\": \"implicit\", \"dataout_timeout\": 20, \"nopin_response_timeout\": 5, "
				+ "\"nopin_timeout\": 5, \"cmdsn_depth\": 128, \"immediate_data\": true, \"initial_r2t\": true, "
				+ "\"max_outstanding_r2t\": 1, \"first_burst_length\": 262144, \"max_burst_length\": 524288, "
				+ "\"max_recv_data_segment_length\": 262144, \"max_xmit_data_segment_length\": 262144, "
				+ "\"max_data_area_mb\": 8, \"qfull_timeout\": 5, \"osd_op_timeout\": 30, \"hw_max_sectors\": 1024, "
				+ "\"lock_lost_cnt_threshhold\": 12, \"status_check_interval\": 10, \"stable_state_reset_count\": 3}";
		JsonNode settings = ConfigCodec.readTree(spec.getBytes(StandardCharsets.UTF_8));
		String dumped = PythonJson.dumps(settings);
		assertThat(dumped).isEqualTo(spec);
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(dumped.getBytes(StandardCharsets.UTF_8));
		assertThat(HexFormat.of().formatHex(digest))
			.isEqualTo("d602fefb8d199f8fe793952798acbed895a06f46704380a1505f30a93082d5f6");
	}

}
