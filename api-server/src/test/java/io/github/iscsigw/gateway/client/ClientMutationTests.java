package io.github.iscsigw.gateway.client;

import java.io.IOException;
import java.util.Map;

import io.github.iscsigw.gateway.LegacyApiTestSupport;
import io.github.iscsigw.gateway.RawHttp;
import io.github.iscsigw.gateway.error.LegacyErrors;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Target;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/client}, {@code /api/clientauth}, {@code /api/clientlun} and their internal
 * routes against an embedded gateway (rbd-target-api.md §6.31–6.37).
 */
class ClientMutationTests extends LegacyApiTestSupport {

	static final String CHAP = "username=myiscsiusername&password=myiscsipassword1"
			+ "&mutual_username=mytargetusername&mutual_password=mytargetsecret12";

	static final String CLIENT = "iqn.1994-05.com.example:client1";

	@Test
	void createAndDeleteAClient() throws IOException {
		String iqn = "iqn.2003-01.com.example:clients";
		targetWithPortal(iqn);
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT.toUpperCase(), null), 200,
				"client create/update successful");
		Target target = document().targets().get(iqn);
		assertThat(target.clients()).containsOnlyKeys(CLIENT);
		assertThat(target.clients().get(CLIENT)).isEqualTo(Client.NEW);
		assertThat(target.aclEnabled()).isTrue();
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 400,
				"A client with the name '" + CLIENT + "' is already defined");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		assertAnswer(delete("/api/client/" + iqn + "/" + CLIENT, null), 200, "client delete successful");
		assertThat(document().targets().get(iqn).clients()).isEmpty();
		epoch = this.repository.refresh().epoch();
		assertAnswer(delete("/api/client/" + iqn + "/" + CLIENT, null), 400,
				CLIENT + " is not defined yet - nothing to delete");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
	}

	@Test
	void createValidationInOrder() throws IOException {
		String iqn = "iqn.2003-01.com.example:client-checks";
		assertAnswer(put("/api/client/not_an_iqn/" + CLIENT, null), 400,
				"Invalid iqn not_an_iqn - WWN not valid as: iqn");
		assertAnswer(put("/api/client/" + iqn + "/client_1", null), 400,
				"Invalid iqn client_1 - WWN not valid as: iqn");
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 404, "Target " + iqn + " does not exist");
		assertAnswer(put("/api/target/" + iqn, null), 200, "Target defined successfully");
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 400, SELF
				+ " cannot be used to perform this operation because it is not defined within the gateways configuration");
		assertAnswer(delete("/api/client/" + iqn + "/" + CLIENT, null), 400, SELF
				+ " cannot be used to perform this operation because it is not defined within the gateways configuration");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		assertAnswer(put("/api/gateway/" + iqn + "/" + SELF, "ip_address=127.0.0.1&skipchecks=true"), 200,
				"Gateway creation successful");
		// target CHAP excludes ACLs
		assertAnswer(put("/api/targetauth/" + iqn, "action=disable_acl"), 200, "target auth disable_acl - successful");
		assertAnswer(put("/api/targetauth/" + iqn, "username=targetuser1&password=targetpassword"), 200,
				"target auth None - successful");
		epoch = this.repository.refresh().epoch();
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 400,
				"Cannot create client because target CHAP authentication is enabled");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
	}

	@Test
	void clientsNeedMinimumGateways() throws IOException {
		String iqn = "iqn.2003-01.com.example:client-ha";
		targetWithPortal(iqn);
		this.repository.commit((config) -> config.withoutGateway(SELF));
		try {
			long epoch = this.repository.refresh().epoch();
			assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 400,
					"Clients can not be defined until a HA configuration has been defined (>1 gateways)");
			assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		}
		finally {
			this.repository.commit((config) -> config.withGateway(SELF,
					new io.github.iscsigw.gateway.state.Gateway(0, "2024/01/01 00:00:00", "2024/01/01 00:00:00")));
		}
	}

	@Test
	void clientChap() throws IOException {
		String iqn = "iqn.2003-01.com.example:client-chap";
		targetWithPortal(iqn);
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 200, "client create/update successful");
		assertAnswer(put("/api/clientauth/" + iqn + "/" + CLIENT, CHAP), 200, "client auth successful");
		assertThat(document().targets().get(iqn).clients().get(CLIENT).auth()).isEqualTo(new ChapAuth("myiscsiusername",
				"myiscsipassword1", false, "mytargetusername", "mytargetsecret12", false));
		long epoch = this.repository.refresh().epoch();
		String path = "/api/clientauth/" + iqn + "/" + CLIENT;
		assertAnswer(put(path, "username=myiscsiusername"), 400, "Password is required");
		assertAnswer(put(path, "password=myiscsipassword1"), 400, "Username is required");
		assertAnswer(put(path, "username=myiscsiusername&password=myiscsipassword1&mutual_username=mytargetusername"),
				400, "Mutual password is required");
		assertAnswer(put(path, "username=myiscsiusername&password=myiscsipassword1&mutual_password=mytargetsecret12"),
				400, "Mutual username is required");
		assertAnswer(put(path, "username=short&password=myiscsipassword1"), 400,
				"Minimum length of username is 8 characters");
		assertAnswer(put(path, "username=myiscsiusername&password=has+a+space+1"), 400, "Invalid password");
		assertAnswer(put("/api/clientauth/" + iqn + "/iqn.1994-05.com.example:nobody", CHAP), 404,
				"Client iqn.1994-05.com.example:nobody does not exist");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		// the same credentials again change nothing
		assertAnswer(put(path, CHAP), 200, "client auth successful");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		// nochap: all four empty
		assertAnswer(put(path, "username=&password=&mutual_username=&mutual_password="), 200, "client auth successful");
		assertThat(document().targets().get(iqn).clients().get(CLIENT).auth()).isEqualTo(ChapAuth.NONE);
	}

	@Test
	void clientLunMapping() throws IOException {
		String iqn = "iqn.2003-01.com.example:client-luns";
		String other = "iqn.1994-05.com.example:client2";
		targetWithPortal(iqn);
		exportDisk(iqn, "rbd/cl_disk_1", 0);
		exportDisk(iqn, "rbd/cl_disk_2", 1);
		registerDisk("rbd/cl_unexported");
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 200, "client create/update successful");
		assertAnswer(put("/api/client/" + iqn + "/" + other, null), 200, "client create/update successful");
		String path = "/api/clientlun/" + iqn + "/" + CLIENT;
		assertAnswer(put(path, "disk=rbd/cl_disk_2"), 200, "client masking update successful");
		assertAnswer(put(path, "disk=rbd/cl_disk_1"), 200, "client masking update successful");
		// the target's LUN id when no client uses it
		assertThat(document().targets().get(iqn).clients().get(CLIENT).luns())
			.isEqualTo(Map.of("rbd/cl_disk_1", new LunRef(0), "rbd/cl_disk_2", new LunRef(1)));
		// else the lowest id this client does not use (ceph-iscsi's allocation)
		assertAnswer(put("/api/clientlun/" + iqn + "/" + other, "disk=rbd/cl_disk_2"), 200,
				"client masking update successful");
		assertThat(document().targets().get(iqn).clients().get(other).luns())
			.isEqualTo(Map.of("rbd/cl_disk_2", new LunRef(0)));
		// gwcli reads the LUN map under "message"
		RawHttp.Response luns = admin().get("/api/_clientlun/" + iqn + "/" + CLIENT);
		assertThat(luns.status()).isEqualTo(200);
		assertThat(JSON.readTree(luns.body()).get("message").get("rbd/cl_disk_1").get("lun_id").asInt()).isZero();
		assertThat(luns.body())
			.isEqualTo("{\"message\":{\"rbd/cl_disk_1\":{\"lun_id\":0},\"rbd/cl_disk_2\":{\"lun_id\":1}}}");

		long epoch = this.repository.refresh().epoch();
		assertAnswer(put(path, "disk=rbd/cl_disk_1"), 400,
				"client masking update failed on " + SELF + ". Invalid client request");
		assertAnswer(put(path, "disk=rbd/nosuchdisk"), 400,
				"Invalid image list - it defines new disks that do not current exist");
		assertAnswer(put(path, "disk=rbd/cl_unexported"), 400, "client masking update failed on " + SELF
				+ ". Client update failed - Non-existent images ['rbd.cl_unexported'] requested for " + CLIENT);
		assertAnswer(put(path, null), 400, LegacyErrors.BAD_REQUEST);
		assertAnswer(delete(path, "disk=rbd/cl_unexported"), 400, "disk not mapped to client");
		assertAnswer(delete(path, null), 400, "disk not mapped to client");
		assertAnswer(put("/api/clientlun/" + iqn + "/iqn.1994-05.com.example:nobody", "disk=rbd/cl_disk_1"), 404,
				"Client iqn.1994-05.com.example:nobody does not exist");
		assertAnswer(admin().get("/api/_clientlun/" + iqn + "/iqn.1994-05.com.example:nobody"), 404,
				"Client does not exist");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);

		assertAnswer(delete(path, "disk=rbd/cl_disk_1"), 200, "client masking update successful");
		assertThat(document().targets().get(iqn).clients().get(CLIENT).luns())
			.isEqualTo(Map.of("rbd/cl_disk_2", new LunRef(1)));
		// the target's id 0 is used by the other client: the lowest id free for this
		// client, which is 0 again
		assertAnswer(put(path, "disk=rbd/cl_disk_1"), 200, "client masking update successful");
		assertThat(document().targets().get(iqn).clients().get(CLIENT).luns())
			.isEqualTo(Map.of("rbd/cl_disk_1", new LunRef(0), "rbd/cl_disk_2", new LunRef(1)));
	}

	@Test
	void clientLunKeepsChapAndMaskingKeepsLuns() throws IOException {
		String iqn = "iqn.2003-01.com.example:client-keep";
		targetWithPortal(iqn);
		exportDisk(iqn, "rbd/keep_disk", 3);
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 200, "client create/update successful");
		assertAnswer(put("/api/clientauth/" + iqn + "/" + CLIENT, CHAP), 200, "client auth successful");
		ChapAuth auth = document().targets().get(iqn).clients().get(CLIENT).auth();
		assertAnswer(put("/api/clientlun/" + iqn + "/" + CLIENT, "disk=rbd/keep_disk"), 200,
				"client masking update successful");
		Client client = document().targets().get(iqn).clients().get(CLIENT);
		assertThat(client.auth()).isEqualTo(auth);
		assertThat(client.luns()).isEqualTo(Map.of("rbd/keep_disk", new LunRef(3)));
		assertAnswer(put("/api/clientauth/" + iqn + "/" + CLIENT, "username=otheruser1&password=otherpassword1"), 200,
				"client auth successful");
		client = document().targets().get(iqn).clients().get(CLIENT);
		assertThat(client.luns()).isEqualTo(Map.of("rbd/keep_disk", new LunRef(3)));
		assertThat(client.auth()).isEqualTo(new ChapAuth("otheruser1", "otherpassword1", false, "", "", false));
	}

	@Test
	void internalRoutesKeepCephIscsisContract() throws IOException {
		String iqn = "iqn.2003-01.com.example:client-internal";
		String peer = "iqn.1994-05.com.example:peer";
		targetWithPortal(iqn);
		exportDisk(iqn, "rbd/int_disk", 0);
		String path = "/api/_client/" + iqn + "/" + peer;
		assertAnswer(admin().get(path), 404, "Client does not exist");
		assertAnswer(admin().get("/api/_client/iqn.2003-01.com.example:nosuch/" + peer), 404,
				"Target iqn.2003-01.com.example:nosuch does not exist");
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put("/api/_client/" + iqn + "/bad_name", "committing_host=" + SELF), 400,
				"'bad_name' is not a valid name for iSCSI");
		assertAnswer(put(path, null), 400, LegacyErrors.BAD_REQUEST);
		assertAnswer(put(path, "committing_host=" + SELF + "&image_list=rbd/int_disk,rbd/int_disk"), 400,
				"Invalid client request");
		// another gateway commits: this one only validates
		assertAnswer(put(path, "committing_host=gw9.example.com&image_list=rbd/int_disk"), 200,
				"Client configured successfully");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		assertAnswer(put(path, "committing_host=" + SELF + "&image_list=rbd/int_disk&" + CHAP), 200,
				"Client configured successfully");
		Client client = document().targets().get(iqn).clients().get(peer);
		assertThat(client.luns()).isEqualTo(Map.of("rbd/int_disk", new LunRef(0)));
		assertThat(client.auth().username()).isEqualTo("myiscsiusername");
		JsonNode entry = JSON.readTree(admin().get(path).body());
		assertThat(entry.get("group_name").asString()).isEmpty();
		assertThat(entry.get("luns").get("rbd/int_disk").get("lun_id").asInt()).isZero();
		assertThat(entry.get("auth").get("password").asString()).isEqualTo("myiscsipassword1");

		String auth = "/api/_clientauth/" + iqn + "/" + peer;
		assertAnswer(put(auth, "committing_host=" + SELF), 400, LegacyErrors.BAD_REQUEST);
		assertAnswer(put(auth, "image_list=rbd/int_disk"), 400, LegacyErrors.BAD_REQUEST);
		assertAnswer(put("/api/_clientauth/" + iqn + "/bad_name", "image_list=&committing_host=" + SELF), 400,
				"Invalid client request");
		assertAnswer(put(auth, "image_list=rbd/int_disk&committing_host=" + SELF), 200,
				"Client configured successfully");
		assertThat(document().targets().get(iqn).clients().get(peer).auth()).isEqualTo(ChapAuth.NONE);
		assertAnswer(put("/api/_clientlun/" + iqn + "/" + peer, "image_list=&committing_host=" + SELF), 200,
				"Client configured successfully");
		assertThat(document().targets().get(iqn).clients().get(peer).luns()).isEmpty();

		assertAnswer(delete(path, null), 400, LegacyErrors.BAD_REQUEST);
		assertAnswer(delete("/api/_client/" + iqn + "/iqn.1994-05.com.example:nobody", "committing_host=" + SELF), 404,
				"Client does not exist!");
		assertAnswer(delete(path, "committing_host=gw9.example.com"), 200, "Client deleted ok");
		assertThat(document().targets().get(iqn).clients()).containsKey(peer);
		assertAnswer(delete(path, "committing_host=" + SELF), 200, "Client deleted ok");
		assertThat(document().targets().get(iqn).clients()).doesNotContainKey(peer);
	}

	/**
	 * The dashboard's client steps of a target create and edit (dashboard-client.md §4.2
	 * step 5, §4.3 phase 1 step 2), with the forms it sends.
	 */
	@Test
	void dashboardClientSequence() throws IOException {
		String iqn = "iqn.2003-01.com.example:dash-clients";
		targetWithPortal(iqn);
		exportDisk(iqn, "rbd/dash_1", 0);
		exportDisk(iqn, "rbd/dash_2", 1);
		String client = "iqn.1994-05.com.example:dash";
		assertAnswer(put("/api/client/" + iqn + "/" + client, null), 200, "client create/update successful");
		// create_client_auth with None mutual fields: python-requests omits them
		assertAnswer(put("/api/clientauth/" + iqn + "/" + client, "username=myiscsiusername&password=myiscsipassword1"),
				200, "client auth successful");
		assertAnswer(put("/api/clientlun/" + iqn + "/" + client, "disk=rbd/dash_1"), 200,
				"client masking update successful");
		assertAnswer(put("/api/clientlun/" + iqn + "/" + client, "disk=rbd/dash_2"), 200,
				"client masking update successful");
		JsonNode config = JSON.readTree(admin().get("/api/config?decrypt_passwords=True").body());
		JsonNode entry = config.get("targets").get(iqn).get("clients").get(client);
		assertThat(entry.get("luns").propertyNames()).containsExactly("rbd/dash_1", "rbd/dash_2");
		assertThat(entry.get("auth").get("password").asString()).isEqualTo("myiscsipassword1");
		// edit: a LUN removed, then the client deleted
		assertAnswer(delete("/api/clientlun/" + iqn + "/" + client, "disk=rbd/dash_1"), 200,
				"client masking update successful");
		assertAnswer(delete("/api/client/" + iqn + "/" + client, null), 200, "client delete successful");
		assertThat(document().targets().get(iqn).clients()).isEmpty();
	}

}
