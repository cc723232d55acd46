package io.github.iscsigw.gateway.hostgroup;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.github.iscsigw.gateway.LegacyApiTestSupport;
import io.github.iscsigw.gateway.RawHttp;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.HostGroup;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Target;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/hostgroup} and {@code /api/_hostgroup} against an embedded gateway
 * (rbd-target-api.md §6.41–6.42).
 */
class HostGroupMutationTests extends LegacyApiTestSupport {

	static final String A = "iqn.1994-05.com.example:host-a";

	static final String B = "iqn.1994-05.com.example:host-b";

	/**
	 * The dashboard's group steps (dashboard-client.md §4.2 step 6, §4.3 phase 1 step 1,
	 * §4.4 step 1) and what the document looks like after each.
	 */
	@Test
	void dashboardGroupSequence() throws IOException {
		String iqn = "iqn.2003-01.com.example:groups";
		targetWithPortal(iqn);
		exportDisk(iqn, "rbd/hg_disk_1", 0);
		exportDisk(iqn, "rbd/hg_disk_2", 1);
		assertAnswer(put("/api/client/" + iqn + "/" + A, null), 200, "client create/update successful");
		assertAnswer(put("/api/client/" + iqn + "/" + B, null), 200, "client create/update successful");
		// create_group
		assertAnswer(
				put("/api/hostgroup/" + iqn + "/group1",
						"members=" + A + "," + B + "&disks=rbd/hg_disk_1,rbd/hg_disk_2"),
				200, "hostgroup create/update successful");
		Target target = document().targets().get(iqn);
		Map<String, LunRef> luns = Map.of("rbd/hg_disk_1", new LunRef(0), "rbd/hg_disk_2", new LunRef(1));
		assertThat(target.groups().get("group1")).isEqualTo(new HostGroup(List.of(A, B), luns));
		assertThat(target.clients().get(A)).isEqualTo(new Client(Client.NEW.auth(), luns, "group1"));
		assertThat(target.clients().get(B)).isEqualTo(new Client(Client.NEW.auth(), luns, "group1"));
		RawHttp.Response group = admin().get("/api/hostgroup/" + iqn + "/group1");
		assertThat(group.status()).isEqualTo(200);
		assertThat(group.body())
			.isEqualTo("{\"disks\":{\"rbd/hg_disk_1\":{\"lun_id\":0},\"rbd/hg_disk_2\":{\"lun_id\":1}},"
					+ "\"members\":[\"" + A + "\",\"" + B + "\"]}");
		// a member can neither be deleted nor masked on its own
		assertAnswer(delete("/api/client/" + iqn + "/" + A, null), 400,
				"Unable to delete '" + A + "' - it belongs to group group1");
		assertAnswer(put("/api/clientlun/" + iqn + "/" + A, "disk=rbd/hg_disk_1"), 400,
				"Unable to manage disks for '" + A + "' - it belongs to group group1");
		// update_group: action=remove of a member and a disk
		assertAnswer(put("/api/hostgroup/" + iqn + "/group1", "action=remove&members=" + B + "&disks=rbd/hg_disk_1"),
				200, "hostgroup create/update successful");
		target = document().targets().get(iqn);
		Map<String, LunRef> remaining = Map.of("rbd/hg_disk_2", new LunRef(1));
		assertThat(target.groups().get("group1")).isEqualTo(new HostGroup(List.of(A), remaining));
		assertThat(target.clients().get(A).luns()).isEqualTo(remaining);
		// a removed member keeps its LUNs and leaves the group
		assertThat(target.clients().get(B)).isEqualTo(new Client(Client.NEW.auth(), luns, ""));
		// delete_group: members keep their LUNs
		assertAnswer(delete("/api/hostgroup/" + iqn + "/group1", null), 200, "Group definition 'group1' deleted");
		target = document().targets().get(iqn);
		assertThat(target.groups()).isEmpty();
		assertThat(target.clients().get(A)).isEqualTo(new Client(Client.NEW.auth(), remaining, ""));
		assertAnswer(delete("/api/client/" + iqn + "/" + A, null), 200, "client delete successful");
	}

	@Test
	void gwcliGroupSteps() throws IOException {
		String iqn = "iqn.2003-01.com.example:gwcli-groups";
		targetWithPortal(iqn);
		exportDisk(iqn, "rbd/gw_disk_1", 5);
		assertAnswer(put("/api/client/" + iqn + "/" + A, null), 200, "client create/update successful");
		// host-groups create <group>: no fields
		assertAnswer(put("/api/hostgroup/" + iqn + "/gwgroup", null), 200, "hostgroup create/update successful");
		assertThat(document().targets().get(iqn).groups().get("gwgroup")).isEqualTo(new HostGroup(List.of(), Map.of()));
		assertAnswer(put("/api/hostgroup/" + iqn + "/gwgroup", "action=ADD&members=" + A), 200,
				"hostgroup create/update successful");
		assertAnswer(put("/api/hostgroup/" + iqn + "/gwgroup", "action=add&disks=rbd/gw_disk_1"), 200,
				"hostgroup create/update successful");
		Target target = document().targets().get(iqn);
		assertThat(target.groups().get("gwgroup"))
			.isEqualTo(new HostGroup(List.of(A), Map.of("rbd/gw_disk_1", new LunRef(5))));
		assertThat(target.clients().get(A).luns()).isEqualTo(Map.of("rbd/gw_disk_1", new LunRef(5)));
		// the same request again changes nothing
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put("/api/hostgroup/" + iqn + "/gwgroup", "members=" + A), 200,
				"hostgroup create/update successful");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		assertAnswer(put("/api/hostgroup/" + iqn + "/gwgroup", "action=remove&members=" + A), 200,
				"hostgroup create/update successful");
		assertThat(document().targets().get(iqn).clients().get(A).groupName()).isEmpty();
	}

	@Test
	void validationInOrder() throws IOException {
		String iqn = "iqn.2003-01.com.example:group-checks";
		String path = "/api/hostgroup/" + iqn + "/g1";
		assertAnswer(put("/api/hostgroup/bad_iqn/g1", null), 400, "Invalid iqn bad_iqn - WWN not valid as: iqn");
		assertAnswer(put(path, null), 404, "Target " + iqn + " does not exist");
		assertAnswer(put("/api/target/" + iqn, null), 200, "Target defined successfully");
		long epoch = this.repository.refresh().epoch();
		String notPortal = SELF
				+ " cannot be used to perform this operation because it is not defined within the gateways configuration";
		assertAnswer(put(path, null), 400, notPortal);
		assertAnswer(admin().get(path), 400, notPortal);
		assertAnswer(delete(path, null), 400, notPortal);
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		assertAnswer(put("/api/gateway/" + iqn + "/" + SELF, "ip_address=127.0.0.1&skipchecks=true"), 200,
				"Gateway creation successful");
		exportDisk(iqn, "rbd/chk_disk", 0);
		assertAnswer(put("/api/client/" + iqn + "/" + A, null), 200, "client create/update successful");
		assertAnswer(put("/api/client/" + iqn + "/" + B, null), 200, "client create/update successful");
		assertAnswer(put("/api/clientlun/" + iqn + "/" + B, "disk=rbd/chk_disk"), 200,
				"client masking update successful");
		epoch = this.repository.refresh().epoch();
		// action is checked for every method
		assertAnswer(put(path, "action=bogus"), 405, "Invalid hostgroup action specified");
		assertAnswer(admin().send("GET", path, "action=bogus"), 405, "Invalid hostgroup action specified");
		assertAnswer(delete(path, "action=bogus"), 405, "Invalid hostgroup action specified");
		assertAnswer(admin().get(path), 404, "Group name does not exist");
		assertAnswer(delete(path, null), 404, "Group name 'g1' not found");
		String failed = "hostgroup create/update failed on " + SELF + ". Group request failed validation";
		// unknown member, member with LUNs, unknown disk
		assertAnswer(put(path, "members=iqn.1994-05.com.example:nobody"), 400, failed);
		assertAnswer(put(path, "members=" + B), 400, failed);
		assertAnswer(put(path, "disks=rbd/not_exported"), 400, failed);
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		// a member of another group
		assertAnswer(put("/api/hostgroup/" + iqn + "/g2", "members=" + A), 200, "hostgroup create/update successful");
		epoch = this.repository.refresh().epoch();
		assertAnswer(put(path, "members=" + A), 400, failed);
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
	}

	@Test
	void internalRoutes() throws IOException {
		String iqn = "iqn.2003-01.com.example:group-internal";
		targetWithPortal(iqn);
		exportDisk(iqn, "rbd/int_g_1", 0);
		exportDisk(iqn, "rbd/int_g_2", 0);
		assertAnswer(put("/api/client/" + iqn + "/" + A, null), 200, "client create/update successful");
		String path = "/api/_hostgroup/" + iqn + "/ig";
		assertAnswer(admin().get(path), 404, "Group name does not exist");
		assertAnswer(admin().get("/api/_hostgroup/iqn.2003-01.com.example:nosuch/ig"), 404,
				"Target iqn.2003-01.com.example:nosuch does not exist");
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put(path, "members=" + A + "," + A), 400, "Member must contain unique clients - no duplication");
		assertAnswer(put(path, "members=iqn.1994-05.com.example:nobody"), 400, "Group request failed validation");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		// two disks with the same target LUN id: the second gets the lowest free one
		assertAnswer(put(path, "members=" + A + "&disks=rbd/int_g_1,rbd/int_g_2"), 200, "Group created/updated");
		HostGroup group = document().targets().get(iqn).groups().get("ig");
		assertThat(group.disks()).isEqualTo(Map.of("rbd/int_g_1", new LunRef(0), "rbd/int_g_2", new LunRef(1)));
		JsonNode body = JSON.readTree(admin().get(path).body());
		assertThat(body.get("members").get(0).asString()).isEqualTo(A);
		// desired state: an empty list removes everything
		assertAnswer(put(path, "members=&disks="), 200, "Group created/updated");
		group = document().targets().get(iqn).groups().get("ig");
		assertThat(group).isEqualTo(new HostGroup(List.of(), Map.of()));
		assertThat(document().targets().get(iqn).clients().get(A).groupName()).isEmpty();
		assertAnswer(delete(path, null), 200, "Group 'ig' removed");
		assertAnswer(delete(path, null), 400, "Group name requested does not exist");
	}

}
