package io.github.iscsigw.gateway.reconcile;

import java.util.function.UnaryOperator;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.state.GatewayConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How every mutating route changes the desired state: apply the change to the latest
 * document, commit it once (nothing when it changes nothing), then let this gateway apply
 * it before the answer; the other gateways converge from the same commit through their
 * own reconcilers.
 */
@Component
public class Changes {

	private final ConfigRepository config;

	private final ObjectProvider<Reconciler> reconciler;

	Changes(ConfigRepository config, ObjectProvider<Reconciler> reconciler) {
		this.config = config;
		this.reconciler = reconciler;
	}

	/**
	 * Commits a change. The change is a pure function of the document that may throw to
	 * refuse (it is re-applied to a fresh document when another writer committed first).
	 * @param change the change
	 * @return the committed document, or the current one when the change changed nothing
	 */
	public ConfigRepository.Snapshot commit(UnaryOperator<GatewayConfig> change) {
		ConfigRepository.Snapshot current = this.config.current();
		if (change.apply(current.config()).equals(current.config())) {
			return current;
		}
		ConfigRepository.Snapshot committed = this.config.commit(change);
		this.reconciler.ifAvailable(Reconciler::reconcileNow);
		return committed;
	}

}
