package io.github.iscsigw.lio.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.github.iscsigw.lio.LioException;

/**
 * A LIO storage object ({@code core/<type>_<index>/<name>}): what LUNs point to.
 *
 * @param name object name, e.g. {@code rbd.disk_1}
 * @param backstore how it is backed (the {@code control} writes)
 * @param wwn the VPD unit serial ({@code wwn/vpd_unit_serial}), or null to leave the
 * kernel's
 * @param attributes {@code attrib/*} values to set, e.g. {@code cmd_time_out},
 * {@code qfull_time_out}
 * @param aluaGroups ALUA target-port groups (without the kernel's default group)
 * @param enabled whether the object is enabled; desired objects always are (null means
 * true), an observed object may not be (a half-created one, which the planner re-creates)
 */
public record StorageObject(String name, Backstore backstore, String wwn, Map<String, String> attributes,
		List<AluaGroup> aluaGroups, Boolean enabled) implements Comparable<StorageObject> {

	public StorageObject {
		Names.objectName("storage object", name);
		if (backstore == null) {
			throw new LioException("storage object " + name + " has no backstore");
		}
		if (wwn != null && (wwn.isBlank() || wwn.length() > 254 || wwn.indexOf('\n') >= 0)) {
			throw new LioException("invalid unit serial for " + name);
		}
		attributes = Names.attributes("storage object attribute", attributes);
		aluaGroups = Names.sorted("ALUA group", aluaGroups, AluaGroup::name);
		long ids = aluaGroups.stream().mapToInt(AluaGroup::id).distinct().count();
		if (ids != aluaGroups.size()) {
			throw new LioException("duplicate tg_pt_gp_id in " + name);
		}
		enabled = (enabled == null) ? Boolean.TRUE : enabled;
	}

	/**
	 * An enabled object without attributes or ALUA groups.
	 * @param name name
	 * @param backstore backstore
	 * @param wwn serial or null
	 * @return the object
	 */
	public static StorageObject of(String name, Backstore backstore, String wwn) {
		return new StorageObject(name, backstore, wwn, Map.of(), List.of(), true);
	}

	/**
	 * The identity (type and name).
	 * @return the id
	 */
	@JsonIgnore
	public StorageObjectId id() {
		return new StorageObjectId(this.backstore.type(), this.name);
	}

	/**
	 * The ALUA group of that name, or null.
	 * @param groupName a name
	 * @return the group or null
	 */
	public AluaGroup aluaGroup(String groupName) {
		return Names.find(this.aluaGroups, groupName, AluaGroup::name);
	}

	@Override
	public int compareTo(StorageObject o) {
		return id().compareTo(o.id());
	}

}
