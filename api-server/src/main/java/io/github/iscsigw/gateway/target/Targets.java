package io.github.iscsigw.gateway.target;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.state.GatewayConfig;
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
		return require(config.current().config(), Iqn.parse(rawIqn).value());
	}

	/**
	 * Looks up a target of a document by its stored (normalised) IQN.
	 * @param config the document
	 * @param iqn the IQN as stored
	 * @return the target
	 * @throws ApiException 404 {@code Target <iqn> does not exist}
	 */
	public static Target require(GatewayConfig config, String iqn) {
		Target target = config.targets().get(iqn);
		if (target == null) {
			throw ApiException.notFound("Target " + iqn + " does not exist");
		}
		return target;
	}

	/**
	 * This gateway must be a portal of the target to coordinate an operation on it
	 * (rbd-target-api.md §5).
	 * @param target the target
	 * @param self this gateway's name
	 * @throws ApiException 400 with ceph-iscsi's text otherwise
	 */
	public static void requirePortal(Target target, String self) {
		if (!target.portals().containsKey(self)) {
			throw ApiException.badRequest(self + " cannot be used to perform this operation because it is not "
					+ "defined within the gateways configuration");
		}
	}

	/**
	 * Removes gateways that are no longer a portal of any target (gateway-conf.md §2.3).
	 * @param config the document
	 * @return the document without unused gateways
	 */
	public static GatewayConfig withoutUnusedGateways(GatewayConfig config) {
		GatewayConfig result = config;
		for (String gateway : config.gateways().keySet()) {
			boolean used = config.targets().values().stream().anyMatch((t) -> t.portals().containsKey(gateway));
			if (!used) {
				result = result.withoutGateway(gateway);
			}
		}
		return result;
	}

}
