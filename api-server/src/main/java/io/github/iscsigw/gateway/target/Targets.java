package io.github.iscsigw.gateway.target;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.state.Target;

/**
 * Finds the target a request names.
 */
public final class Targets {

	private Targets() {
	}

	/**
	 * Looks up a target named in a path (normalising the IQN).
	 * @param config the repository
	 * @param rawIqn the IQN as sent
	 * @return the target
	 * @throws ApiException 400 for an invalid IQN, 404
	 * {@code Target <iqn> does not exist} (ceph-iscsi: a 500 KeyError)
	 */
	public static Target require(ConfigRepository config, String rawIqn) {
		Iqn iqn = Iqn.parse(rawIqn);
		Target target = config.current().config().targets().get(iqn.value());
		if (target == null) {
			throw ApiException.notFound("Target " + iqn + " does not exist");
		}
		return target;
	}

}
