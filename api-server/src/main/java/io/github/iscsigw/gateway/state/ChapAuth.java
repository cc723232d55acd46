package io.github.iscsigw.gateway.state;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * CHAP credentials as stored in {@code discovery_auth}, {@code targets[].auth} and
 * {@code clients[].auth} (gateway-conf.md §2.5). Passwords are plain text or, when the
 * matching flag is set, the Base64 ciphertext of §4 (see {@link ChapCipher}).
 * {@link #toString()} never shows a password.
 *
 * @param username user name the initiator presents ({@code ""} = no CHAP)
 * @param password secret, plain or encrypted
 * @param passwordEncryptionEnabled whether {@code password} is encrypted
 * @param mutualUsername user name the target presents back (mutual CHAP)
 * @param mutualPassword mutual secret, plain or encrypted
 * @param mutualPasswordEncryptionEnabled whether {@code mutualPassword} is encrypted
 * @param other keys this version does not know, kept for the next write
 */
@JsonPropertyOrder(alphabetic = true)
public record ChapAuth(@JsonProperty("username") String username, @JsonProperty("password") String password,
		@JsonProperty("password_encryption_enabled") boolean passwordEncryptionEnabled,
		@JsonProperty("mutual_username") String mutualUsername, @JsonProperty("mutual_password") String mutualPassword,
		@JsonProperty("mutual_password_encryption_enabled") boolean mutualPasswordEncryptionEnabled,
		@JsonAnyGetter @JsonAnySetter Map<String, JsonNode> other) {

	/** No CHAP: six empty/false fields, as seeded for discovery and target auth. */
	public static final ChapAuth NONE = new ChapAuth("", "", false, "", "", false);

	public ChapAuth {
		username = Canonical.text(username);
		password = Canonical.text(password);
		mutualUsername = Canonical.text(mutualUsername);
		mutualPassword = Canonical.text(mutualPassword);
		other = Canonical.jsonMap(other);
	}

	public ChapAuth(String username, String password, boolean passwordEncryptionEnabled, String mutualUsername,
			String mutualPassword, boolean mutualPasswordEncryptionEnabled) {
		this(username, password, passwordEncryptionEnabled, mutualUsername, mutualPassword,
				mutualPasswordEncryptionEnabled, Map.of());
	}

	/**
	 * Returns a copy with a new (one-way) user and password.
	 * @param username the user name
	 * @param password the password, plain or encrypted
	 * @param encrypted whether {@code password} is encrypted
	 * @return the copy
	 */
	public ChapAuth withCredentials(String username, String password, boolean encrypted) {
		return new ChapAuth(username, password, encrypted, this.mutualUsername, this.mutualPassword,
				this.mutualPasswordEncryptionEnabled, this.other);
	}

	/**
	 * Returns a copy with a new mutual user and password.
	 * @param mutualUsername the mutual user name
	 * @param mutualPassword the mutual password, plain or encrypted
	 * @param encrypted whether {@code mutualPassword} is encrypted
	 * @return the copy
	 */
	public ChapAuth withMutualCredentials(String mutualUsername, String mutualPassword, boolean encrypted) {
		return new ChapAuth(this.username, this.password, this.passwordEncryptionEnabled, mutualUsername,
				mutualPassword, encrypted, this.other);
	}

	@Override
	public String toString() {
		return "ChapAuth[username=" + this.username + ", password=" + redact(this.password)
				+ ", passwordEncryptionEnabled=" + this.passwordEncryptionEnabled + ", mutualUsername="
				+ this.mutualUsername + ", mutualPassword=" + redact(this.mutualPassword)
				+ ", mutualPasswordEncryptionEnabled=" + this.mutualPasswordEncryptionEnabled + ", other="
				+ this.other.keySet() + "]";
	}

	private static String redact(String secret) {
		return secret.isEmpty() ? "" : "******";
	}

}
