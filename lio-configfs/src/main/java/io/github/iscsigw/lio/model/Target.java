package io.github.iscsigw.lio.model;

import java.util.List;

/**
 * An iSCSI target ({@code iscsi/<iqn>}).
 *
 * @param iqn the target IQN (lower-cased)
 * @param tpgs its TPGs
 */
public record Target(String iqn, List<Tpg> tpgs) implements Comparable<Target> {

	public Target {
		iqn = Names.iqn(iqn);
		tpgs = Names.sorted("TPG", tpgs, Tpg::tag);
	}

	/**
	 * The TPG with that tag, or null.
	 * @param tag a tag
	 * @return the TPG or null
	 */
	public Tpg tpg(int tag) {
		return Names.find(this.tpgs, tag, Tpg::tag);
	}

	@Override
	public int compareTo(Target o) {
		return this.iqn.compareTo(o.iqn);
	}

}
