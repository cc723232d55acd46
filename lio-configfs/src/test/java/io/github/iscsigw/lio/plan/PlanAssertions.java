package io.github.iscsigw.lio.plan;

import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Assertions on plans: "every step matching X comes before every step matching Y".
 */
public final class PlanAssertions {

	private PlanAssertions() {
	}

	/**
	 * Asserts that all steps of type {@code first} precede all steps of type
	 * {@code then}, and that both occur.
	 * @param plan the plan
	 * @param first earlier step type
	 * @param then later step type
	 */
	public static void assertBefore(Plan plan, Class<? extends Change> first, Class<? extends Change> then) {
		assertBefore(plan, first::isInstance, then::isInstance,
				first.getSimpleName() + " before " + then.getSimpleName());
	}

	/**
	 * Asserts that every step matching {@code first} precedes every step matching
	 * {@code then}.
	 * @param plan the plan
	 * @param first earlier steps
	 * @param then later steps
	 * @param what description for the failure message
	 */
	public static void assertBefore(Plan plan, Predicate<Change> first, Predicate<Change> then, String what) {
		List<Change> steps = plan.changes();
		int lastFirst = -1;
		int firstThen = Integer.MAX_VALUE;
		for (int i = 0; i < steps.size(); i++) {
			if (first.test(steps.get(i))) {
				lastFirst = i;
			}
			if (then.test(steps.get(i)) && firstThen == Integer.MAX_VALUE) {
				firstThen = i;
			}
		}
		if (lastFirst < 0 || firstThen == Integer.MAX_VALUE) {
			fail("expected both sides of '" + what + "' in the plan:\n" + plan.describe());
		}
		assertThat(lastFirst).as(what + " in\n" + plan.describe()).isLessThan(firstThen);
	}

	/**
	 * The simple names of the steps' types, in order.
	 * @param plan the plan
	 * @return names
	 */
	public static List<String> types(Plan plan) {
		return plan.changes().stream().map((c) -> c.getClass().getSimpleName()).toList();
	}

}
