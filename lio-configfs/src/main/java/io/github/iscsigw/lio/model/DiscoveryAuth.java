package io.github.iscsigw.lio.model;

/**
 * SendTargets discovery authentication ({@code iscsi/discovery_auth}), global to the
 * node.
 *
 * @param chap the credentials
 * @param enforce {@code enforce_discovery_auth}
 */
public record DiscoveryAuth(Chap chap, boolean enforce) {

	/** No discovery authentication (the kernel's default). */
	public static final DiscoveryAuth NONE = new DiscoveryAuth(Chap.NONE, false);

	public DiscoveryAuth {
		chap = (chap == null) ? Chap.NONE : chap;
	}

	/**
	 * What ceph-iscsi writes for a discovery_auth config entry (lio-layout.md §6).
	 * @param chap credentials; empty user name means none
	 * @return the discovery auth
	 */
	public static DiscoveryAuth cephIscsi(Chap chap) {
		return chap.userid().isEmpty() ? NONE : new DiscoveryAuth(chap, true);
	}

}
