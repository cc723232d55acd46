package io.github.iscsigw.gateway.auth;

import java.util.Optional;
import java.util.regex.Pattern;

import io.github.iscsigw.gateway.LegacyForm;
import io.github.iscsigw.gateway.error.ApiException;

/**
 * CHAP credentials as sent by clients, with ceph-iscsi's validation rules and messages
 * (rbd-target-api.md §4, {@code valid_credentials}); the first failing rule wins. All
 * four empty means "no CHAP". {@link #toString()} never shows a password.
 *
 * @param username the user name the initiator presents
 * @param password its secret
 * @param mutualUsername the user name the target presents back
 * @param mutualPassword its secret
 */
public record ChapCredentials(String username, String password, String mutualUsername, String mutualPassword) {

	/**
	 * Word characters (Unicode), '.', ':', '@', '-' and — a quirk of the original — '\'.
	 */
	private static final Pattern USERNAME = Pattern.compile("[\\w.:@\\-\\\\]{8,64}", Pattern.UNICODE_CHARACTER_CLASS);

	private static final Pattern PASSWORD = Pattern.compile("[\\w@\\-/]{12,16}", Pattern.UNICODE_CHARACTER_CLASS);

	public ChapCredentials {
		username = (username != null) ? username : "";
		password = (password != null) ? password : "";
		mutualUsername = (mutualUsername != null) ? mutualUsername : "";
		mutualPassword = (mutualPassword != null) ? mutualPassword : "";
	}

	/**
	 * The four optional fields {@code username}, {@code password},
	 * {@code mutual_username} and {@code mutual_password} of a legacy request (absent =
	 * {@code ""}).
	 * @param form the request's form
	 * @return the credentials, not yet validated
	 */
	public static ChapCredentials from(LegacyForm form) {
		return new ChapCredentials(form.get("username", ""), form.get("password", ""), form.get("mutual_username", ""),
				form.get("mutual_password", ""));
	}

	/**
	 * Validates.
	 * @return these credentials
	 * @throws ApiException 400 with the first violated rule's message
	 */
	public ChapCredentials requireValid() {
		problem().ifPresent((message) -> {
			throw ApiException.badRequest(message);
		});
		return this;
	}

	/**
	 * Checks the rules in ceph-iscsi's order.
	 * @return the first violated rule's message, or empty when valid
	 */
	public Optional<String> problem() {
		if (!this.username.isEmpty() && this.password.isEmpty()) {
			return Optional.of("Password is required");
		}
		if (this.username.isEmpty() && (!this.password.isEmpty() || !this.mutualUsername.isEmpty())) {
			return Optional.of("Username is required");
		}
		if (!this.mutualUsername.isEmpty() && this.mutualPassword.isEmpty()) {
			return Optional.of("Mutual password is required");
		}
		if (this.mutualUsername.isEmpty() && !this.mutualPassword.isEmpty()) {
			return Optional.of("Mutual username is required");
		}
		return check(this.username, "username", 8, 64, USERNAME)
			.or(() -> check(this.mutualUsername, "mutual username", 8, 64, USERNAME))
			.or(() -> check(this.password, "password", 12, 16, PASSWORD))
			.or(() -> check(this.mutualPassword, "mutual password", 12, 16, PASSWORD));
	}

	private static Optional<String> check(String value, String what, int min, int max, Pattern pattern) {
		if (value.isEmpty()) {
			return Optional.empty();
		}
		int length = value.codePointCount(0, value.length());
		if (length < min) {
			return Optional.of("Minimum length of " + what + " is " + min + " characters");
		}
		if (length > max) {
			return Optional.of("Maximum length of " + what + " is " + max + " characters");
		}
		if (!pattern.matcher(value).matches()) {
			return Optional.of("Invalid " + what);
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return "ChapCredentials[username=" + this.username + ", mutualUsername=" + this.mutualUsername
				+ ", passwords redacted]";
	}

}
