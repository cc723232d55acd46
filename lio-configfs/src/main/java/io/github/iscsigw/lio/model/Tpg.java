package io.github.iscsigw.lio.model;

import java.util.List;
import java.util.Map;

import io.github.iscsigw.lio.LioException;

/**
 * A target portal group ({@code iscsi/<iqn>/tpgt_<tag>}). In ceph-iscsi's layout there is
 * one per gateway; only the local one is enabled and holds ACLs (lio-layout.md §4).
 *
 * @param tag the TPG tag (1..65535)
 * @param enabled the {@code enable} file
 * @param attributes {@code attrib/*} values to set (others keep the kernel's)
 * @param parameters {@code param/*} values to set, e.g. {@code ImmediateData}
 * @param chap TPG-level CHAP ({@code auth/*}, demo mode), or null to leave it alone
 * @param portals network portals
 * @param luns LUNs
 * @param acls node ACLs
 */
public record Tpg(int tag, boolean enabled, Map<String, String> attributes, Map<String, String> parameters, Chap chap,
		List<NetworkPortal> portals, List<Lun> luns, List<NodeAcl> acls) implements Comparable<Tpg> {

	public Tpg {
		Names.range("TPG tag", tag, 1, 65535);
		attributes = Names.attributes("TPG attribute", attributes);
		parameters = Names.attributes("TPG parameter", parameters);
		portals = Names.sorted("portal", portals, NetworkPortal::dirName);
		luns = Names.sorted("LUN", luns, Lun::id);
		acls = Names.sorted("ACL", acls, NodeAcl::initiator);
	}

	/**
	 * The LUN with that number, or null.
	 * @param id a LUN number
	 * @return the LUN or null
	 */
	public Lun lun(int id) {
		return Names.find(this.luns, id, Lun::id);
	}

	/**
	 * The ACL of that initiator, or null.
	 * @param initiator an initiator IQN (lower case)
	 * @return the ACL or null
	 */
	public NodeAcl acl(String initiator) {
		return Names.find(this.acls, initiator, NodeAcl::initiator);
	}

	/**
	 * Checks that every mapped LUN maps a LUN of this TPG.
	 * @param iqn the target (for the message)
	 */
	public void validateReferences(String iqn) {
		for (NodeAcl acl : this.acls) {
			for (MappedLun m : acl.mappedLuns()) {
				if (lun(m.tpgLun()) == null) {
					throw new LioException("ACL " + acl.initiator() + " in " + iqn + "/tpgt_" + this.tag + " maps LUN "
							+ m.tpgLun() + " which the TPG does not have");
				}
			}
		}
	}

	@Override
	public int compareTo(Tpg o) {
		return Integer.compare(this.tag, o.tag);
	}

}
