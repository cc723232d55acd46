package io.github.iscsigw.gateway.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.iscsigw.ceph.image.ImageStore;
import io.github.iscsigw.gateway.GatewayModes;
import io.github.iscsigw.gateway.LegacyApiTestSupport;
import io.github.iscsigw.gateway.RawHttp;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.LunRef;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disks, their export through a target and their snapshots, against an embedded gateway
 * whose images are sparse files.
 */
class DiskMutationTests extends LegacyApiTestSupport {

	@Autowired
	ImageStore images;

	@Autowired
	GatewayModes modes;

	@Test
	void createRegistersTheDiskAndCreatesTheImage() throws IOException {
		assertAnswer(put("/api/disk/rbd/create1", "mode=create&size=64M&wwn=1234-abcd"), 200,
				"disk create/update successful");
		Disk disk = document().disks().get("rbd/create1");
		assertThat(disk.wwn()).isEqualTo("1234-abcd");
		assertThat(disk.backstore()).isEqualTo("user:rbd");
		assertThat(disk.backstoreObjectName()).isEqualTo("rbd.create1");
		assertThat(disk.allocatingHost()).isEqualTo(SELF);
		assertThat(disk.owner()).isNull();
		assertThat(this.images.info("rbd", "create1").size()).isEqualTo(64L << 20);
		assertThat(this.images.info("rbd", "create1").features()).isEqualTo(61);
		RawHttp.Response get = admin().get("/api/disk/rbd/create1");
		assertThat(get.status()).isEqualTo(200);
		JsonNode body = JSON.readTree(get.body());
		assertThat(body.get("wwn").asString()).isEqualTo("1234-abcd");
		assertThat(body.get("status").get("state").asString()).isEqualTo("Unknown");
		assertAnswer(put("/api/disk/rbd/other1", "mode=create&size=1G&wwn=1234-abcd"), 400,
				"WWN 1234-abcd is already in use by rbd/create1");
	}

	@Test
	void createManyWithCountAndARandomWwn() throws IOException {
		assertAnswer(put("/api/disk/rbd/many", "mode=create&size=1M&count=3"), 200, "disk create/update successful");
		assertThat(document().disks()).containsKeys("rbd/many1", "rbd/many2", "rbd/many3");
		assertThat(document().disks().get("rbd/many2").wwn()).hasSize(36);
		assertAnswer(put("/api/disk/rbd/many", "mode=create&size=1M&count=2"), 400,
				"at least one rbd image(s) with that name/prefix is already defined");
	}

	@Test
	void createValidation() throws IOException {
		long epoch = this.repository.current().epoch();
		assertAnswer(put("/api/disk/nopool/x", "mode=create&size=1G"), 400, "pool name is invalid");
		assertAnswer(put("/api/disk/rbd/x", "mode=create&size=1.5G"), 400, "Size is invalid");
		assertAnswer(put("/api/disk/rbd/x", "mode=create&size=10"), 400, "Size is invalid");
		assertAnswer(put("/api/disk/rbd/x", "mode=create&size=1G&count=11"), 400,
				"invalid count specified, must be an integer (1-10)");
		assertAnswer(put("/api/disk/rbd/x", "mode=create&size=1G&count=2&wwn=abc"), 400,
				"WWN cannot be specified when count > 1");
		assertAnswer(put("/api/disk/rbd/x", "mode=create&size=1G&create_image=True"), 400,
				"Invalid 'create_image' value True");
		assertAnswer(put("/api/disk/rbd/x", "mode=create"), 400,
				"Size parameter is required when creating a new image");
		assertAnswer(put("/api/disk/rbd/x", "mode=create&create_image=false"), 400, "Image rbd/x does not exist");
		assertAnswer(put("/api/disk/rbd/x", "mode=create&size=1G&backstore=fileio"), 400,
				"Invalid 'fileio' backstore - Supported backstores: user:rbd");
		assertAnswer(put("/api/disk/rbd/x", "mode=explode"), 404, "rbd image rbd/x not found");
		assertAnswer(put("/api/disk/rbd/x", "mode=create&size=1G&controls={\"bogus\":1}"), 400,
				"Unexpected or invalid controls - Supported controls: max_data_area_mb,qfull_timeout,osd_op_timeout,hw_max_sectors");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		assertThat(this.images.imageExists("rbd", "x")).isFalse();
	}

	@Test
	void dashboardRegistersAnExistingImageWithoutSize() throws IOException {
		this.images.create("rbd", "existing", 8L << 20);
		assertAnswer(put("/api/disk/rbd/existing", "mode=create&backstore=user:rbd&wwn=feed-beef"), 200,
				"disk create/update successful");
		assertThat(document().disks().get("rbd/existing").wwn()).isEqualTo("feed-beef");
	}

	@Test
	void resizeGrowsOnly() throws IOException {
		assertAnswer(put("/api/disk/rbd/grow", "mode=create&size=2M"), 200, "disk create/update successful");
		assertAnswer(put("/api/disk/rbd/grow", "mode=resize&size=1M"), 400,
				"resize value must be larger than the current size (2M/2097152)");
		assertAnswer(put("/api/disk/rbd/grow", "mode=resize&size=3M"), 200, "disk create/update successful");
		assertThat(this.images.info("rbd", "grow").size()).isEqualTo(3L << 20);
	}

	@Test
	void reconfigureStoresNonDefaultControls() throws IOException {
		String iqn = "iqn.2003-01.com.example:reconfdisk";
		targetWithPortal(iqn);
		assertAnswer(put("/api/disk/rbd/tuned", "mode=create&size=1M"), 200, "disk create/update successful");
		assertAnswer(
				put("/api/disk/rbd/tuned", "mode=reconfigure&controls={\"max_data_area_mb\":64,\"qfull_timeout\":5}"),
				200, "lun reconfigured: successful");
		assertThat(document().disks().get("rbd/tuned").controls()).containsOnlyKeys("max_data_area_mb")
			.containsEntry("max_data_area_mb", IntNode.valueOf(64));
	}

	@Test
	void exportAndUnexportThroughATarget() throws IOException {
		String iqn = "iqn.2003-01.com.example:lun";
		targetWithPortal(iqn);
		assertAnswer(put("/api/disk/rbd/lun1", "mode=create&size=1M"), 200, "disk create/update successful");
		assertAnswer(put("/api/disk/rbd/lun2", "mode=create&size=1M"), 200, "disk create/update successful");
		assertAnswer(put("/api/targetlun/" + iqn, "disk=rbd/nope"), 400,
				"Disk rbd/nope is not defined in the configuration");
		assertAnswer(put("/api/targetlun/" + iqn, "disk=rbd/lun1&lun_id=x"), 400, "Lun id must be a number");
		int activeBefore = document().gateways().get(SELF).activeLuns();
		assertAnswer(put("/api/targetlun/" + iqn, "disk=rbd/lun1&lun_id=3"), 200,
				"Target LUN mapping updated successfully");
		assertAnswer(put("/api/targetlun/" + iqn, "disk=rbd/lun2"), 200, "Target LUN mapping updated successfully");
		assertThat(document().targets().get(iqn).disks()).containsEntry("rbd/lun1", new LunRef(3))
			.containsEntry("rbd/lun2", new LunRef(0));
		assertThat(document().disks().get("rbd/lun1").owner()).isEqualTo(SELF);
		assertThat(document().gateways().get(SELF).activeLuns()).isEqualTo(activeBefore + 2);
		assertAnswer(put("/api/targetlun/" + iqn, "disk=rbd/lun1"), 400,
				"Disk rbd/lun1 cannot be used because it is already mapped on target " + iqn);
		assertAnswer(delete("/api/disk/rbd/lun1", "preserve_image=true"), 400,
				"Unable to delete rbd/lun1. Mapped to: " + iqn);
		assertAnswer(delete("/api/targetlun/" + iqn, "disk=rbd/lun1"), 200, "Target LUN mapping updated successfully");
		assertThat(document().targets().get(iqn).disks()).doesNotContainKey("rbd/lun1");
		assertThat(document().disks().get("rbd/lun1").owner()).isNull();
		assertThat(document().gateways().get(SELF).activeLuns()).isEqualTo(activeBefore + 1);
		assertAnswer(delete("/api/targetlun/" + iqn, "disk=rbd/lun1"), 400,
				"Disk rbd/lun1 is not defined in target " + iqn);
	}

	@Test
	void deleteUnregistersAndDeletesTheImageUnlessPreserved() throws IOException {
		assertAnswer(put("/api/disk/rbd/gone", "mode=create&size=1M"), 200, "disk create/update successful");
		assertAnswer(put("/api/disk/rbd/kept", "mode=create&size=1M"), 200, "disk create/update successful");
		assertAnswer(delete("/api/disk/rbd/kept", "preserve_image=true"), 200, "disk map deletion successful");
		assertThat(this.images.imageExists("rbd", "kept")).isTrue();
		assertAnswer(delete("/api/disk/rbd/gone", null), 200, "disk map deletion successful");
		assertThat(this.images.imageExists("rbd", "gone")).isFalse();
		assertThat(document().disks()).doesNotContainKeys("rbd/gone", "rbd/kept");
		assertAnswer(delete("/api/disk/rbd/gone", null), 404, "rbd image rbd/gone not found");
	}

	@Test
	void snapshots() throws IOException {
		String iqn = "iqn.2003-01.com.example:snap";
		targetWithPortal(iqn);
		assertAnswer(put("/api/disk/rbd/snappy", "mode=create&size=1M"), 200, "disk create/update successful");
		assertAnswer(put("/api/disksnap/rbd/snappy/bad@name", "mode=create"), 400, "snapshot name is invalid");
		assertAnswer(put("/api/disksnap/rbd/nodisk/s1", "mode=create"), 404, "rbd image rbd/nodisk not found");
		assertAnswer(put("/api/disksnap/rbd/snappy/s1", "mode=create"), 200, "disk snapshot snapshot created");
		assertAnswer(put("/api/disksnap/rbd/snappy/s1", "mode=create"), 400, "snapshot s1 already exists");
		assertAnswer(put("/api/disksnap/rbd/snappy/s1", "mode=bogus"), 400, "mode is invalid");
		assertAnswer(put("/api/disksnap/rbd/snappy/s1", "mode=rollback"), 200, "disk snapshot rolled back to snapshot");
		assertAnswer(put("/api/disksnap/rbd/snappy/s2", "mode=rollback"), 404, "snapshot s2 does not exist");
		assertAnswer(delete("/api/disk/rbd/snappy", null), 500, "disk map deletion failed on " + SELF
				+ ". Failed to remove the LUN - Unable to delete the underlying rbd image snappy - Image has snapshots");
		// refused before anything changed
		assertThat(document().disks()).containsKey("rbd/snappy");
		assertThat(this.images.imageExists("rbd", "snappy")).isTrue();
		assertAnswer(delete("/api/disksnap/rbd/snappy/s1", null), 200, "disk snapshot snapshot deleted");
		assertAnswer(delete("/api/disksnap/rbd/snappy/s1", null), 404, "snapshot s1 does not exist");
	}

	@Test
	void rollbackIsRefusedWhileAnInitiatorWithTheLunIsLoggedIn() throws IOException {
		String iqn = "iqn.2003-01.com.example:rollback";
		String client = "iqn.1994-05.com.example:rollback-client";
		targetWithPortal(iqn);
		assertAnswer(put("/api/disk/rbd/busy", "mode=create&size=1M"), 200, "disk create/update successful");
		assertAnswer(put("/api/targetlun/" + iqn, "disk=rbd/busy"), 200, "Target LUN mapping updated successfully");
		assertAnswer(put("/api/client/" + iqn + "/" + client, null), 200, "client create/update successful");
		assertAnswer(put("/api/clientlun/" + iqn + "/" + client, "disk=rbd/busy"), 200,
				"client masking update successful");
		assertAnswer(put("/api/disksnap/rbd/busy/before", "mode=create"), 200, "disk snapshot snapshot created");
		// the kernel reports the initiator logged in on this gateway's TPG
		Path info = this.modes.configfsRoot().resolve("iscsi/" + iqn + "/tpgt_1/acls/" + client + "/info");
		Files.writeString(info, "InitiatorName: " + client
				+ "\nInitiatorAlias: host9\nLIO Session ID: 1   ISID: 0x23 3d 00 00 00 00  TSIH: 1  SessionType: Normal\n"
				+ "Session State: TARG_SESS_STATE_LOGGED_IN\n");
		assertAnswer(put("/api/disksnap/rbd/busy/before", "mode=rollback"), 500,
				"failed to deactivate disk: failed on " + SELF + ". deactivate failed - LUN busy in-use");
		Files.delete(info);
		assertAnswer(put("/api/disksnap/rbd/busy/before", "mode=rollback"), 200,
				"disk snapshot rolled back to snapshot");
	}

}
