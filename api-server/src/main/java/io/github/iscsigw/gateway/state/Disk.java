package io.github.iscsigw.gateway.state;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * An RBD image registered with the gateways: {@code disks["<pool>/<image>"]}
 * (gateway-conf.md §2.2).
 *
 * @param pool RADOS pool name
 * @param image RBD image name
 * @param poolId numeric pool id at registration
 * @param wwn SCSI unit serial, identical on every gateway ({@code ""} transiently)
 * @param backstore {@code "user:rbd"}
 * @param backstoreObjectName name of the LIO storage object
 * ({@code <pool>.<image>[.<n>]})
 * @param allocatingHost FQDN of the gateway that registered the disk; {@code null} when
 * absent (disks migrated from version 3 documents never had it)
 * @param controls per-disk TCMU control overrides (only non-default values)
 * @param owner FQDN of the ALUA active/optimised gateway; {@code null} (key absent) while
 * the disk is not exported by any target
 * @param created timestamp ({@code yyyy/MM/dd HH:mm:ss}, UTC)
 * @param updated timestamp
 * @param other keys this version does not know, kept for the next write
 */
@JsonPropertyOrder(alphabetic = true)
public record Disk(@JsonProperty("pool") String pool, @JsonProperty("image") String image,
		@JsonProperty("pool_id") long poolId, @JsonProperty("wwn") String wwn,
		@JsonProperty("backstore") String backstore, @JsonProperty("backstore_object_name") String backstoreObjectName,
		@JsonProperty("allocating_host") @JsonInclude(JsonInclude.Include.NON_NULL) String allocatingHost,
		@JsonProperty("controls") Map<String, JsonNode> controls,
		@JsonProperty("owner") @JsonInclude(JsonInclude.Include.NON_NULL) String owner,
		@JsonProperty("created") String created, @JsonProperty("updated") String updated,
		@JsonAnyGetter @JsonAnySetter Map<String, JsonNode> other) {

	/**
	 * The only backstore ceph-iscsi supports: LIO TCMU with tcmu-runner's rbd handler.
	 */
	public static final String USER_RBD = "user:rbd";

	public Disk {
		pool = Canonical.text(pool);
		image = Canonical.text(image);
		wwn = Canonical.text(wwn);
		backstore = Canonical.text(backstore);
		backstoreObjectName = Canonical.text(backstoreObjectName);
		controls = Canonical.jsonMap(controls);
		created = Canonical.text(created);
		updated = Canonical.text(updated);
		other = Canonical.jsonMap(other);
	}

	public Disk(String pool, String image, long poolId, String wwn, String backstore, String backstoreObjectName,
			String allocatingHost, Map<String, JsonNode> controls, String owner, String created, String updated) {
		this(pool, image, poolId, wwn, backstore, backstoreObjectName, allocatingHost, controls, owner, created,
				updated, Map.of());
	}

	/**
	 * The key a disk registered today gets in {@code disks}, {@code "<pool>/<image>"}.
	 * Not always its actual key: the v6→v7 migration replaced every dot of the old
	 * {@code pool.image} id, so image {@code disk.2} of pool {@code rbd} may be stored
	 * under {@code rbd/disk/2}.
	 * @return the disk id
	 */
	public String id() {
		return this.pool + "/" + this.image;
	}

	/**
	 * Returns a copy with another ALUA owner.
	 * @param owner FQDN of the owning gateway, or {@code null} to remove the key
	 * @return the copy
	 */
	public Disk withOwner(String owner) {
		return new Disk(this.pool, this.image, this.poolId, this.wwn, this.backstore, this.backstoreObjectName,
				this.allocatingHost, this.controls, owner, this.created, this.updated, this.other);
	}

	public Disk withWwn(String wwn) {
		return new Disk(this.pool, this.image, this.poolId, wwn, this.backstore, this.backstoreObjectName,
				this.allocatingHost, this.controls, this.owner, this.created, this.updated, this.other);
	}

	public Disk withControls(Map<String, JsonNode> controls) {
		return new Disk(this.pool, this.image, this.poolId, this.wwn, this.backstore, this.backstoreObjectName,
				this.allocatingHost, controls, this.owner, this.created, this.updated, this.other);
	}

	/**
	 * Returns a copy with another {@code updated} timestamp (ceph-iscsi sets it whenever
	 * it rewrites the element).
	 * @param now the timestamp
	 * @return the copy
	 */
	public Disk withUpdated(String now) {
		return new Disk(this.pool, this.image, this.poolId, this.wwn, this.backstore, this.backstoreObjectName,
				this.allocatingHost, this.controls, this.owner, this.created, now, this.other);
	}

}
