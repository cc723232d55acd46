package io.github.iscsigw.gateway.hostgroup;

import java.util.List;
import java.util.Map;

import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.HostGroup;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * ceph-iscsi's {@code Group.apply}/{@code purge} as pure functions of the document.
 */
class HostGroupChangesTests {

	static final String T = "iqn.2003-01.com.example:t";

	static final String A = "iqn.1994-05.com.example:a";

	static final String B = "iqn.1994-05.com.example:b";

	static final String NOW = "2024/05/02 09:14:07";

	static GatewayConfig document() {
		Target target = Target.create("")
			.withDisk("rbd/d0", new LunRef(0))
			.withDisk("rbd/d0bis", new LunRef(0))
			.withDisk("rbd/d4", new LunRef(4))
			.withClient(A, Client.NEW)
			.withClient(B, new Client(ChapAuth.NONE, Map.of("rbd/d4", new LunRef(4)), ""));
		return GatewayConfig.seed("").withTarget(T, target);
	}

	static GatewayConfig apply(GatewayConfig config, List<String> members, List<String> disks) {
		return HostGroupChanges.apply(config, T, "g", members, disks, NOW);
	}

	@Test
	void membersMapExactlyTheGroupsDisks() {
		GatewayConfig config = apply(document(), List.of(A), List.of("rbd/d4", "rbd/d0", "rbd/d0bis"));
		Target target = config.targets().get(T);
		// the target's LUN id unless the group uses it, else the lowest free one
		Map<String, LunRef> luns = Map.of("rbd/d4", new LunRef(4), "rbd/d0", new LunRef(0), "rbd/d0bis", new LunRef(1));
		assertThat(target.groups().get("g")).isEqualTo(new HostGroup(List.of(A), luns));
		assertThat(target.clients().get(A)).isEqualTo(new Client(ChapAuth.NONE, luns, "g"));
		assertThat(target.updated()).isEqualTo(NOW);
		assertThat(apply(config, List.of(A), List.of("rbd/d0bis", "rbd/d0", "rbd/d4"))).isSameAs(config);
		config = apply(config, List.of(A), List.of("rbd/d0"));
		assertThat(config.targets().get(T).clients().get(A).luns()).isEqualTo(Map.of("rbd/d0", new LunRef(0)));
	}

	@Test
	void validation() {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> apply(document(), List.of(A, A), List.of()))
			.withMessage("Member must contain unique clients - no duplication");
		for (List<String> members : List.of(List.of(B), List.of("iqn.1994-05.com.example:none"))) {
			assertThatExceptionOfType(ApiException.class).isThrownBy(() -> apply(document(), members, List.of()))
				.withMessage("Group request failed validation");
		}
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> apply(document(), List.of(), List.of("rbd/unknown")))
			.withMessage("Group request failed validation");
	}

	@Test
	void purgeKeepsTheMembersLuns() {
		GatewayConfig config = apply(document(), List.of(A), List.of("rbd/d4"));
		Target target = HostGroupChanges.purge(config, T, "g", NOW).targets().get(T);
		assertThat(target.groups()).isEmpty();
		assertThat(target.clients().get(A)).isEqualTo(new Client(ChapAuth.NONE, Map.of("rbd/d4", new LunRef(4)), ""));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> HostGroupChanges.purge(document(), T, "g", NOW))
			.withMessage("Group name requested does not exist");
	}

}
