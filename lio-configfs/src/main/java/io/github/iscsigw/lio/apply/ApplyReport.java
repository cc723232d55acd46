package io.github.iscsigw.lio.apply;

/**
 * What a successful apply did.
 *
 * @param steps steps applied
 * @param operations filesystem operations run
 */
public record ApplyReport(int steps, int operations) {
}
