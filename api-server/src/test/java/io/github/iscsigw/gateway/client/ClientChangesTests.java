package io.github.iscsigw.gateway.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.iscsigw.gateway.auth.ChapCredentials;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.ChapCipher;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.HostGroup;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * ceph-iscsi's client rules as pure functions of the document.
 */
class ClientChangesTests {

	static final String T = "iqn.2003-01.com.example:t";

	static final String C1 = "iqn.1994-05.com.example:c1";

	static final String C2 = "iqn.1994-05.com.example:c2";

	static final String NOW = "2024/05/02 09:14:07";

	static final ChapCipher NO_KEYS = new ChapCipher(Path.of("/nonexistent/key"), Path.of("/nonexistent/pub"));

	/**
	 * A target exporting rbd/a (LUN 0), rbd/b (LUN 1), rbd/c (LUN 7); rbd/x registered
	 * only.
	 */
	static GatewayConfig document() {
		GatewayConfig config = GatewayConfig.seed("2024/01/01 00:00:00");
		Target target = Target.create("2024/01/01 00:00:00").withAclEnabled(false);
		for (Map.Entry<String, Integer> disk : Map.of("a", 0, "b", 1, "c", 7, "x", -1).entrySet()) {
			String id = "rbd/" + disk.getKey();
			config = config.withDisk(id, new Disk("rbd", disk.getKey(), 1, "", Disk.USER_RBD, "rbd." + disk.getKey(),
					null, Map.of(), null, "", ""));
			if (disk.getValue() >= 0) {
				target = target.withDisk(id, new LunRef(disk.getValue()));
			}
		}
		return config.withTarget(T, target);
	}

	static GatewayConfig define(GatewayConfig config, String client, List<String> images) {
		return ClientChanges.define(config, T, client, images, Optional.empty(), NO_KEYS, NOW);
	}

	static Map<String, LunRef> luns(GatewayConfig config, String client) {
		return config.targets().get(T).clients().get(client).luns();
	}

	@Test
	void aNewClientTurnsAclModeOnAndTouchesTheTarget() {
		GatewayConfig config = define(document(), C1, List.of());
		Target target = config.targets().get(T);
		assertThat(target.clients().get(C1)).isEqualTo(Client.NEW);
		assertThat(target.aclEnabled()).isTrue();
		assertThat(target.updated()).isEqualTo(NOW);
		assertThat(define(config, C1, List.of())).isSameAs(config);
	}

	@Test
	void lunNumbersFollowCephIscsi() {
		GatewayConfig config = define(document(), C1, List.of("rbd/c", "rbd/a"));
		// the target's LUN id while no client uses it
		assertThat(luns(config, C1)).isEqualTo(Map.of("rbd/a", new LunRef(0), "rbd/c", new LunRef(7)));
		// used by another client: the lowest id this client does not use
		config = define(config, C2, List.of("rbd/c"));
		assertThat(luns(config, C2)).isEqualTo(Map.of("rbd/c", new LunRef(0)));
		config = define(config, C2, List.of("rbd/c", "rbd/a"));
		assertThat(luns(config, C2)).isEqualTo(Map.of("rbd/c", new LunRef(0), "rbd/a", new LunRef(1)));
		// mapped disks keep their id, removed ones are dropped; rbd/b's target id 1 is
		// used by C2, and the lowest id C1 did not use before this request is 1 as well
		config = define(config, C1, List.of("rbd/c", "rbd/b"));
		assertThat(luns(config, C1)).isEqualTo(Map.of("rbd/c", new LunRef(7), "rbd/b", new LunRef(1)));
	}

	@Test
	void refusals() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> define(document(), C1, List.of("rbd/a", "rbd/a")))
			.withMessage("Invalid client request");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> define(document(), C1, List.of("rbd/a", "rbd/x", "rbd/none")))
			.withMessage("Client update failed - Non-existent images ['rbd.x', 'rbd/none'] requested for " + C1);
	}

	@Test
	void aGroupMemberKeepsTheGroupsLuns() {
		GatewayConfig config = define(document(), C1, List.of());
		Map<String, LunRef> groupLuns = Map.of("rbd/b", new LunRef(1));
		Target target = config.targets().get(T);
		config = config.withTarget(T, target.withClient(C1, new Client(ChapAuth.NONE, groupLuns, "g"))
			.withGroup("g", new HostGroup(List.of(C1), groupLuns)));
		GatewayConfig result = ClientChanges.define(config, T, C1, List.of(),
				Optional.of(new ChapCredentials("myiscsiusername", "myiscsipassword1", "", "")), NO_KEYS, NOW);
		Client client = result.targets().get(T).clients().get(C1);
		assertThat(client.luns()).isEqualTo(groupLuns);
		assertThat(client.auth()).isEqualTo(new ChapAuth("myiscsiusername", "myiscsipassword1", false, "", "", false));
		assertThat(ClientChanges.checkImageList(result, client, C1, List.of("rbd/a")))
			.contains("Unable to manage disks for '" + C1 + "' - it belongs to group g");
	}

	@Test
	void imageListChecks() {
		GatewayConfig config = define(document(), C1, List.of("rbd/a", "rbd/b"));
		Client client = config.targets().get(T).clients().get(C1);
		assertThat(ClientChanges.checkImageList(config, client, C1, List.of("rbd/a", "rbd/b", "rbd/c"))).isEmpty();
		assertThat(ClientChanges.checkImageList(config, client, C1, List.of("rbd/a", "rbd/c", "rbd/x")))
			.contains("Invalid image list - it must contain existing disks AND any additions");
		assertThat(ClientChanges.checkImageList(config, client, C1, List.of("rbd/a", "rbd/b", "rbd/none")))
			.contains("Invalid image list - it defines new disks that do not current exist");
		assertThat(ClientChanges.checkImageList(config, client, C1, List.of("rbd/c")))
			.contains("Invalid image list ({'rbd/c'})");
		assertThat(ClientChanges.checkImageList(config, client, C1, List.of())).isEmpty();
	}

	@Test
	void deleteAlsoLeavesAnyGroup() {
		GatewayConfig config = define(document(), C1, List.of());
		config = config.withTarget(T, config.targets().get(T).withGroup("g", new HostGroup(List.of(C1, C2), Map.of())));
		Target target = ClientChanges.delete(config, T, C1, NOW).targets().get(T);
		assertThat(target.clients()).doesNotContainKey(C1);
		assertThat(target.groups().get("g").members()).containsExactly(C2);
	}

}
