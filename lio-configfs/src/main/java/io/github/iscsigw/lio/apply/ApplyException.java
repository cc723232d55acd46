package io.github.iscsigw.lio.apply;

import io.github.iscsigw.lio.LioException;
import io.github.iscsigw.lio.plan.Change;

/**
 * A plan stopped at a failing step. Names the step, the operation's path and value
 * (secrets redacted) and the cause; steps before it were applied, none after it.
 */
public class ApplyException extends LioException {

	private final int stepsDone;

	private final transient Change step;

	private final transient Op operation;

	ApplyException(int stepsDone, Change step, Op operation, LioException cause) {
		super("step " + (stepsDone + 1) + " " + step + " failed"
				+ ((operation != null)
						? " at " + operation.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " "
								+ operation.path()
								+ ((operation.shownValue() != null) ? " (value " + operation.shownValue() + ")" : "")
						: "")
				+ ": " + cause.getMessage(), cause);
		this.stepsDone = stepsDone;
		this.step = step;
		this.operation = operation;
	}

	/**
	 * Steps fully applied before the failure.
	 * @return count
	 */
	public int stepsDone() {
		return this.stepsDone;
	}

	/**
	 * The failing step.
	 * @return the step
	 */
	public Change step() {
		return this.step;
	}

	/**
	 * The path of the failing operation, or null if the step failed before any operation.
	 * @return relative path or null
	 */
	public String path() {
		return (this.operation != null) ? this.operation.path() : null;
	}

	/**
	 * The value of the failing write (redacted if secret), or null.
	 * @return the value or null
	 */
	public String value() {
		return (this.operation != null) ? this.operation.shownValue() : null;
	}

}
