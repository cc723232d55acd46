package io.github.iscsigw.gateway.reconcile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What this gateway's reconciler last did, for the API and the logs. Never holds a secret
 * (plan steps are printed with CHAP values redacted).
 *
 * @param gateway this gateway's name
 * @param configfsRoot the LIO root written to
 * @param configfsSimulated whether {@code configfsRoot} is a simulator directory
 * @param passes passes run so far
 * @param lastAppliedEpoch the config epoch LIO last fully matched, -1 before the first
 * successful pass
 * @param lastAppliedAt when that pass finished, or null
 * @param lastPassEpoch the config epoch the last pass (successful or not) worked on, -1
 * before the first pass
 * @param lastPassAt when the last pass finished, or null
 * @param lastPassDuration how long the last pass took (observe, plan, apply)
 * @param lastPlanSteps number of steps of the last plan (0: LIO already matched)
 * @param lastPlan the last non-empty plan, one step per line (at most 200)
 * @param lastError why the last pass failed, or null if it succeeded
 * @param lastErrorAt when the last failure happened, or null if none ever did
 * @param consecutiveFailures failed passes since the last successful one
 * @param driftRepairs steps applied so far to put back changes made behind our back
 * @param problems what the desired state had to leave out (missing images, undecryptable
 * passwords, ...)
 */
public record ReconcilerStatus(String gateway, Path configfsRoot, boolean configfsSimulated, long passes,
		long lastAppliedEpoch, Instant lastAppliedAt, long lastPassEpoch, Instant lastPassAt, Duration lastPassDuration,
		int lastPlanSteps, List<String> lastPlan, String lastError, Instant lastErrorAt, int consecutiveFailures,
		long driftRepairs, List<String> problems) {

	public ReconcilerStatus {
		lastPlan = List.copyOf(lastPlan);
		problems = List.copyOf(problems);
	}

	static ReconcilerStatus initial(String gateway, Path configfsRoot, boolean configfsSimulated) {
		return new ReconcilerStatus(gateway, configfsRoot, configfsSimulated, 0, -1, null, -1, null, Duration.ZERO, 0,
				List.of(), null, null, 0, 0, List.of());
	}

	/**
	 * Whether the last pass succeeded, i.e. LIO matched the document of epoch
	 * {@link #lastAppliedEpoch()} when it finished.
	 * @return true after a successful last pass
	 */
	public boolean converged() {
		return this.passes > 0 && this.lastError == null;
	}

}
