package io.github.iscsigw.lio.model;

import java.util.List;
import java.util.Map;

/**
 * An initiator's node ACL in a TPG ({@code acls/<initiator iqn>}).
 *
 * @param initiator the initiator IQN (lower-cased)
 * @param chap the ACL's CHAP credentials, or null to leave them alone
 * @param attributes {@code attrib/*} values, e.g. {@code dataout_timeout}
 * @param cmdsnDepth the {@code cmdsn_depth} file (1..512), or null to leave it alone
 * @param mappedLuns the LUNs this initiator sees
 */
public record NodeAcl(String initiator, Chap chap, Map<String, String> attributes, Integer cmdsnDepth,
		List<MappedLun> mappedLuns) implements Comparable<NodeAcl> {

	public NodeAcl {
		initiator = Names.iqn(initiator);
		attributes = Names.attributes("ACL attribute", attributes);
		if (cmdsnDepth != null) {
			Names.range("cmdsn_depth", cmdsnDepth, 1, 512);
		}
		mappedLuns = Names.sorted("mapped LUN", mappedLuns, MappedLun::id);
	}

	/**
	 * An ACL with CHAP and mapped LUNs only.
	 * @param initiator initiator IQN
	 * @param chap credentials
	 * @param mappedLuns mappings
	 * @return the ACL
	 */
	public static NodeAcl of(String initiator, Chap chap, List<MappedLun> mappedLuns) {
		return new NodeAcl(initiator, chap, Map.of(), null, mappedLuns);
	}

	@Override
	public int compareTo(NodeAcl o) {
		return this.initiator.compareTo(o.initiator);
	}

}
