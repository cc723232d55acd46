package io.github.iscsigw.lio.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An ordered list of steps that takes LIO from an observed state to a desired one. Steps
 * are sorted by {@link Phase} (stable within a phase). Printing a plan is the dry run.
 *
 * @param changes the steps, in execution order
 */
public record Plan(List<Change> changes) {

	public Plan {
		List<Change> sorted = new ArrayList<>(changes);
		sorted.sort(Comparator.comparing(Change::phase));
		changes = List.copyOf(sorted);
	}

	/**
	 * Whether there is nothing to do.
	 * @return true if empty
	 */
	public boolean isEmpty() {
		return this.changes.isEmpty();
	}

	/**
	 * Number of steps.
	 * @return the size
	 */
	public int size() {
		return this.changes.size();
	}

	/**
	 * The plan as readable text, one numbered step per line (secrets redacted).
	 * @return the text
	 */
	public String describe() {
		StringBuilder sb = new StringBuilder();
		int i = 1;
		for (Change c : this.changes) {
			sb.append(String.format("%4d  %-24s %s%n", i++, c.phase(), c));
		}
		sb.append(this.changes.size()).append(this.changes.size() == 1 ? " change" : " changes").append('\n');
		return sb.toString();
	}

	@Override
	public String toString() {
		return describe();
	}

}
