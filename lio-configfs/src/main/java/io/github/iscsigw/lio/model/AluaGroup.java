package io.github.iscsigw.lio.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.iscsigw.lio.LioException;

/**
 * An ALUA target-port group of a storage object ({@code core/<hba>/<so>/alua/<name>}).
 * The kernel's {@code default_tg_pt_gp} is not modelled: it is left alone (lio-layout.md
 * §3). Attributes are the group's writable files; {@code alua_access_type} is kept
 * numeric (the kernel shows it as text, the reader converts it back).
 *
 * @param name group name, e.g. {@code ao} or {@code ano2}
 * @param id {@code tg_pt_gp_id}; ceph-iscsi uses the TPG tag
 * @param attributes file name to value
 */
public record AluaGroup(String name, int id, Map<String, String> attributes) implements Comparable<AluaGroup> {

	/** The kernel's own group; never created, changed or deleted. */
	public static final String DEFAULT_GROUP = "default_tg_pt_gp";

	/**
	 * The order in which attributes are written: supported states first (a state can only
	 * be entered when supported), then the access type (a state change needs the implicit
	 * bit), then the state, then the rest.
	 */
	public static final List<String> WRITE_ORDER = List.of("alua_support_active_optimized",
			"alua_support_active_nonoptimized", "alua_support_standby", "alua_support_unavailable",
			"alua_support_offline", "alua_support_transitioning", "alua_support_lba_dependent", "alua_access_type",
			"alua_access_state", "alua_access_status", "preferred", "implicit_trans_secs", "nonop_delay_msecs",
			"trans_delay_msecs", "alua_write_metadata");

	private static final List<String> ACCESS_TYPES = List.of("None", "Implicit", "Explicit", "Implicit and Explicit");

	public AluaGroup {
		Names.objectName("ALUA group", name);
		if (DEFAULT_GROUP.equals(name)) {
			throw new LioException("the kernel's default ALUA group is not managed");
		}
		// 0: a group whose id was never written (observed only; the planner re-creates
		// it)
		Names.range("tg_pt_gp_id", id, 0, 65535);
		Map<String, String> a = new LinkedHashMap<>(Names.attributes("ALUA attribute", attributes));
		for (String k : a.keySet()) {
			if (!WRITE_ORDER.contains(k)) {
				throw new LioException("unknown ALUA attribute '" + k + "'");
			}
		}
		a.computeIfPresent("alua_access_type", (k, v) -> accessType(v));
		attributes = Names.attributes("ALUA attribute", a);
	}

	/**
	 * Converts the kernel's text for {@code alua_access_type} to the number written.
	 * @param value a number or the kernel's text
	 * @return the number as a string
	 */
	public static String accessType(String value) {
		int i = ACCESS_TYPES.indexOf(value);
		return (i >= 0) ? Integer.toString(i) : value;
	}

	/**
	 * The group ceph-iscsi creates for a LUN in TPG {@code tag} (lio-layout.md §3), as
	 * the files read afterwards.
	 * @param tag the TPG tag (becomes the id)
	 * @param owner whether the TPG belongs to the disk's owner gateway ({@code ao})
	 * @param explicit {@code alua_failover_type = explicit}
	 * @param globalOsdOpTimeout the global osd_op_timeout setting (implicit_trans_secs =
	 * +15)
	 * @return the group
	 */
	public static AluaGroup cephIscsi(int tag, boolean owner, boolean explicit, int globalOsdOpTimeout) {
		Map<String, String> a = new LinkedHashMap<>();
		a.put("alua_support_active_optimized", "1");
		a.put("alua_support_offline", "0");
		a.put("alua_support_unavailable", "0");
		a.put("alua_support_transitioning", "1");
		a.put("nonop_delay_msecs", "0");
		String name;
		if (!explicit) {
			name = owner ? "ao" : "ano" + tag;
			a.put("alua_support_active_nonoptimized", "1");
			a.put("alua_access_type", "1");
			a.put("alua_access_state", owner ? "0" : "1");
			a.put("implicit_trans_secs", Integer.toString(globalOsdOpTimeout + 15));
		}
		else {
			name = owner ? "ao" : "standby" + tag;
			a.put("alua_support_standby", "1");
			a.put("alua_access_type", "3");
			a.put("alua_access_state", "2");
			if (owner) {
				a.put("preferred", "1");
			}
		}
		return new AluaGroup(name, tag, a);
	}

	@Override
	public int compareTo(AluaGroup o) {
		return this.name.compareTo(o.name);
	}

}
