package io.github.iscsigw.gateway.target;

import java.io.IOException;

import io.github.iscsigw.gateway.LegacyApiTestSupport;
import io.github.iscsigw.gateway.RawHttp;
import io.github.iscsigw.gateway.state.Portal;
import io.github.iscsigw.gateway.state.Target;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT|DELETE /api/target} and {@code /api/gateway} against an embedded gateway.
 */
class TargetMutationTests extends LegacyApiTestSupport {

	@Test
	void createSeedsTheTargetOnceAndIgnoresControls() throws IOException {
		String iqn = "iqn.2003-01.com.example:create";
		long before = this.repository.current().epoch();
		assertAnswer(put("/api/target/" + iqn.toUpperCase(), "controls={\"cmdsn_depth\":64}"), 200,
				"Target defined successfully");
		Target target = document().targets().get(iqn);
		assertThat(target.aclEnabled()).isTrue();
		assertThat(target.controls()).isEmpty();
		assertThat(target.ipList()).isNull();
		assertThat(this.repository.current().epoch()).isEqualTo(before + 1);
		// an existing target is never re-seeded
		assertAnswer(put("/api/target/" + iqn, null), 200, "Target defined successfully");
		assertThat(document().targets().get(iqn)).isEqualTo(target);
	}

	@Test
	void createValidation() throws IOException {
		assertAnswer(put("/api/target/not_an_iqn", null), 400, "Invalid iqn not_an_iqn - WWN not valid as: iqn");
		assertAnswer(put("/api/target/iqn.2003-01.com.example:m", "mode=bogus"), 400,
				"Unexpected mode provided for iqn.2003-01.com.example:m - bogus");
		assertAnswer(put("/api/target/iqn.2003-01.com.example:m", "controls={\"cmdsn_depth\":0}"), 400,
				"Unexpected or invalid controls - expected integer >= 1 for cmdsn_depth");
		assertAnswer(put("/api/target/iqn.2003-01.com.example:m", "mode=reconfigure&controls={}"), 400,
				"Target: iqn.2003-01.com.example:m is not defined.");
		assertThat(document().targets()).doesNotContainKey("iqn.2003-01.com.example:m");
	}

	@Test
	void reconfigureStoresOnlyNonDefaultControls() throws IOException {
		String iqn = "iqn.2003-01.com.example:reconf";
		assertAnswer(put("/api/target/" + iqn, null), 200, "Target defined successfully");
		assertAnswer(put("/api/target/" + iqn, "mode=reconfigure&controls={\"cmdsn_depth\":64}"), 400, SELF
				+ " cannot be used to perform this operation because it is not defined within the gateways configuration");
		assertAnswer(put("/api/gateway/" + iqn + "/" + SELF, "ip_address=127.0.0.1&skipchecks=true"), 200,
				"Gateway creation successful");
		assertAnswer(
				put("/api/target/" + iqn,
						"mode=reconfigure&controls={\"cmdsn_depth\":64,\"immediate_data\":\"no\",\"nopin_timeout\":5}"),
				200, "Target reconfigured.");
		assertThat(document().targets().get(iqn).controls()).containsOnlyKeys("cmdsn_depth", "immediate_data")
			.containsEntry("cmdsn_depth", IntNode.valueOf(64))
			.containsEntry("immediate_data", BooleanNode.FALSE);
		assertAnswer(put("/api/target/" + iqn, "mode=reconfigure&controls={\"cmdsn_depth\":null}"), 200,
				"Target reconfigured.");
		assertThat(document().targets().get(iqn).controls()).containsOnlyKeys("immediate_data");
		assertAnswer(put("/api/target/" + iqn, "mode=reconfigure"), 200, "Target reconfigured.");
	}

	@Test
	void addingTheFirstGatewayRecordsPortalAndGateway() throws IOException {
		String iqn = "iqn.2003-01.com.example:portal";
		targetWithPortal(iqn);
		Target target = document().targets().get(iqn);
		assertThat(target.ipList()).containsExactly("127.0.0.1");
		assertThat(target.portals().get(SELF)).isEqualTo(
				new Portal(java.util.List.of("127.0.0.1"), java.util.List.of("127.0.0.1"), java.util.List.of(), 1));
		assertThat(document().gateways()).containsKey(SELF);
		assertAnswer(put("/api/gateway/" + iqn + "/" + SELF, "ip_address=127.0.0.1&skipchecks=true"), 400,
				"Gateway already exists in configuration");
	}

	@Test
	void aSecondGatewayThatIsDownBlocksTheOperation() throws IOException {
		String iqn = "iqn.2003-01.com.example:down";
		targetWithPortal(iqn);
		long epoch = this.repository.current().epoch();
		assertAnswer(put("/api/gateway/" + iqn + "/127.0.0.9", "ip_address=192.0.2.9&skipchecks=true"), 503,
				"Gateway creation failed, gateway(s) unavailable:127.0.0.9(UNKNOWN state)");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
	}

	@Test
	void checksOfANewGatewayAskItsSysinfo() throws IOException {
		String iqn = "iqn.2003-01.com.example:checks";
		targetWithPortal(iqn);
		// 127.0.0.1 is this very gateway: sysinfo/ip_addresses never lists loopback
		RawHttp.Response response = put("/api/gateway/" + iqn + "/127.0.0.1", "ip_address=127.0.0.1");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("IP address already defined to the configuration");
		RawHttp.Response other = put("/api/gateway/" + iqn + "/127.0.0.1", "ip_address=192.0.2.77");
		assertThat(other.status()).isEqualTo(400);
		assertThat(other.body()).contains("IP address of 192.0.2.77 is not available on 127.0.0.1. Valid IPs are :");
	}

	@Test
	void deletingTheLastGatewayAndTheTarget() throws IOException {
		String iqn = "iqn.2003-01.com.example:delete";
		targetWithPortal(iqn);
		assertAnswer(delete("/api/gateway/" + iqn + "/nosuchgw", null), 404, "Gateway does not exist in configuration");
		assertAnswer(delete("/api/gateway/" + iqn + "/" + SELF, null), 200, "Gateway deletion successful");
		Target target = document().targets().get(iqn);
		assertThat(target.portals()).isEmpty();
		assertThat(target.ipList()).isNull();
		assertAnswer(delete("/api/target/" + iqn, null), 200, "Target deleted.");
		assertThat(document().targets()).doesNotContainKey(iqn);
		assertAnswer(delete("/api/target/" + iqn, null), 404, "Target " + iqn + " does not exist");
	}

}
