/**
 * The pure differ: {@link io.github.iscsigw.lio.plan.Planner#plan} turns (observed,
 * desired) into an ordered {@link io.github.iscsigw.lio.plan.Plan} of sealed
 * {@link io.github.iscsigw.lio.plan.Change} steps.
 */
package io.github.iscsigw.lio.plan;
